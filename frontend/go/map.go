// map.go — maps (runtime/go/map.c). make(map[K]V) and map literals are allocation sites: the
// map header is an alloca named as gc names the expression (`make(map[string]int)`,
// `map[string]int{...}`), so a map that does not escape keeps its header on the stack as gc
// does; its buckets come from esc_alloc. Keys and values cross to the runtime through
// temporary slots and are copied; the runtime's tags say stored keys and values reach the heap.
//
// Invariant: map keys are integers, booleans, pointers, channels or strings (compared by
// bytes, or by content for strings); other key types are reported as unsupported.
package main

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

const mapHeaderWords = 6

func (f *functionLowering) mapKeyKind(key types.Type) int {
	switch {
	case isString(key):
		return 1
	case isInteger(key), isBool(key), pointerShaped(key):
		if _, isFunc := key.Underlying().(*types.Signature); !isFunc {
			return 0
		}
	}
	f.unsupported("map with %s keys", key)
	return 0
}

func (f *functionLowering) makeMap(instr *ssa.MakeMap) {
	t := instr.Type().Underlying().(*types.Map)
	kind := f.mapKeyKind(t.Key())
	name, pos := f.valueSite(instr, nil, "make(map)")
	header := f.register("map")
	f.stackObject(header, types.NewArray(types.Typ[types.Uint64], mapHeaderWords), name, pos, true, 0)
	f.callRuntime("escgo_map_init", "ptr "+header, fmt.Sprintf("i64 %d", f.m.sizeof(t.Key())),
		fmt.Sprintf("i64 %d", f.m.sizeof(t.Elem())), fmt.Sprintf("i64 %d", kind))
	f.copyRegister(f.names[instr], "ptr", header)
}

func (f *functionLowering) mapUpdate(instr *ssa.MapUpdate) {
	key := f.spill(f.m.typ(instr.Key.Type()), f.op(instr.Key))
	value := f.spill(f.m.typ(instr.Value.Type()), f.op(instr.Value))
	f.callRuntime("escgo_map_assign", f.typed(instr.Map), "ptr "+key, "ptr "+value)
}

func (f *functionLowering) lookup(instr *ssa.Lookup) {
	t, ok := instr.X.Type().Underlying().(*types.Map)
	if !ok {
		f.unsupported("lookup in a %s", instr.X.Type())
	}
	key := f.spill(f.m.typ(instr.Index.Type()), f.op(instr.Index))
	valueType := f.m.typ(t.Elem())
	out := f.spill(valueType, zeroValue(valueType))
	found := f.callRuntime("escgo_map_lookup", f.typed(instr.X), "ptr "+key, "ptr "+out)
	if !instr.CommaOk {
		f.emit("%s = load %s, ptr %s", f.names[instr], valueType, out)
		return
	}
	f.commaOk(f.names[instr], valueType, out, found)
}

func (f *functionLowering) deleteBuiltin(args []ssa.Value) {
	key := f.spill(f.m.typ(args[1].Type()), f.op(args[1]))
	f.callRuntime("escgo_map_delete", f.typed(args[0]), "ptr "+key)
}

// rangeStart: the iterator of a range over a map (runtime state) or a string (byte offset).
func (f *functionLowering) rangeStart(instr *ssa.Range) {
	if isString(instr.X.Type()) {
		offset := f.spill("i64", "0")
		f.copyRegister(f.names[instr], "ptr", offset)
		return
	}
	iterator := f.tempSlot("[4 x i64]", 8)
	f.callRuntime("escgo_map_iter_init", f.typed(instr.X), "ptr "+iterator)
	f.copyRegister(f.names[instr], "ptr", iterator)
}

// rangeNext yields (ok, key, value) as go/ssa's Next does.
func (f *functionLowering) rangeNext(instr *ssa.Next) {
	iterator := f.op(instr.Iter)
	tuple := instr.Type().(*types.Tuple)
	var ok, key, value string
	if instr.IsString {
		s := instr.Iter.(*ssa.Range).X
		pointer, length := f.sliceParts(s)
		offset := f.temp()
		f.emit("%s = load i64, ptr %s", offset, iterator)
		runeSlot := f.spill("i32", "0")
		next := f.callRuntime("escgo_string_next", "ptr "+pointer, "i64 "+length, "i64 "+offset, "ptr "+runeSlot)
		ok = f.temp()
		f.emit("%s = icmp sge i64 %s, 0", ok, next)
		kept := f.temp()
		f.emit("%s = select i1 %s, i64 %s, i64 %s", kept, ok, next, offset)
		f.emit("store i64 %s, ptr %s", kept, iterator)
		key, value = offset, f.temp()
		f.emit("%s = load i32, ptr %s", value, runeSlot)
	} else {
		m := instr.Iter.(*ssa.Range).X.Type().Underlying().(*types.Map)
		keyType, valueType := f.m.typ(m.Key()), f.m.typ(m.Elem())
		keySlot, valueSlot := f.spill(keyType, zeroValue(keyType)), f.spill(valueType, zeroValue(valueType))
		more := f.callRuntime("escgo_map_next", "ptr "+iterator, "ptr "+keySlot, "ptr "+valueSlot)
		ok, key, value = f.temp(), f.temp(), f.temp()
		f.emit("%s = icmp ne i64 %s, 0", ok, more)
		f.emit("%s = load %s, ptr %s", key, keyType, keySlot)
		f.emit("%s = load %s, ptr %s", value, valueType, valueSlot)
	}
	fields := []string{"i1 " + ok}
	for i, part := range []string{key, value} {
		t := tuple.At(i + 1).Type()
		if b, isBasic := t.(*types.Basic); isBasic && b.Kind() == types.Invalid {
			fields = append(fields, "{} zeroinitializer")
			continue
		}
		fields = append(fields, f.m.typ(t)+" "+part)
	}
	f.buildAggregate(f.names[instr], f.m.typ(tuple), fields)
}
