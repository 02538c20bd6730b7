// slice.go — arrays and slices: element addresses with bounds checks, slicing, make([]T, n)
// (a constant size is an ordinary Alloc; a variable size is a dynamic alloca), append and copy
// (runtime/go/slice.c).
//
// Invariant: every element access is bounds-checked as Go requires (escgo_panic_index,
// exit status 2), so a lowered program never reads or writes outside an object.
package main

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// index64 widens an index operand to i64 (as unsigned when its type is unsigned).
func (f *functionLowering) index64(v ssa.Value) string {
	return f.resize(f.op(v), v.Type(), f.m.typ(v.Type()), "i64")
}

func (f *functionLowering) boundsCheck(index, length string) {
	var constantIndex, constantLength uint64
	if _, err := fmt.Sscan(index, &constantIndex); err == nil {
		if _, err := fmt.Sscan(length, &constantLength); err == nil && constantIndex < constantLength {
			return // in range whatever happens
		}
	}
	outside := f.temp()
	f.emit("%s = icmp uge i64 %s, %s", outside, index, length)
	f.panicIf(outside, "escgo_panic_index", "i64 "+index, "i64 "+length)
}

func (f *functionLowering) indexAddr(instr *ssa.IndexAddr) {
	index := f.index64(instr.Index)
	switch t := instr.X.Type().Underlying().(type) {
	case *types.Pointer: // *[N]T
		array := t.Elem().Underlying().(*types.Array)
		f.boundsCheck(index, fmt.Sprint(array.Len()))
		f.emit("%s = getelementptr inbounds %s, ptr %s, i64 0, i64 %s", f.names[instr], f.m.typ(array), f.op(instr.X), index)
	case *types.Slice:
		parts := f.extractAll(sliceType, f.op(instr.X), 2)
		f.boundsCheck(index, parts[1])
		f.emit("%s = getelementptr inbounds %s, ptr %s, i64 %s", f.names[instr], f.m.typ(t.Elem()), parts[0], index)
	default:
		f.unsupported("indexing a %s", instr.X.Type())
	}
}

func (f *functionLowering) index(instr *ssa.Index) {
	index := f.index64(instr.Index)
	switch t := instr.X.Type().Underlying().(type) {
	case *types.Basic: // string
		parts := f.extractAll(stringType, f.op(instr.X), 2)
		f.boundsCheck(index, parts[1])
		address := f.temp()
		f.emit("%s = getelementptr inbounds i8, ptr %s, i64 %s", address, parts[0], index)
		f.emit("%s = load i8, ptr %s", f.names[instr], address)
	case *types.Array:
		f.boundsCheck(index, fmt.Sprint(t.Len()))
		slot := f.spill(f.m.typ(t), f.op(instr.X))
		address := f.temp()
		f.emit("%s = getelementptr inbounds %s, ptr %s, i64 0, i64 %s", address, f.m.typ(t), slot, index)
		f.emit("%s = load %s, ptr %s", f.names[instr], f.m.typ(t.Elem()), address)
	default:
		f.unsupported("indexing a %s", instr.X.Type())
	}
}

func (f *functionLowering) slice(instr *ssa.Slice) {
	var base, length, capacity string
	var elem types.Type
	str := false
	switch t := instr.X.Type().Underlying().(type) {
	case *types.Pointer:
		array := t.Elem().Underlying().(*types.Array)
		base, elem = f.op(instr.X), array.Elem()
		length, capacity = fmt.Sprint(array.Len()), fmt.Sprint(array.Len())
	case *types.Slice:
		parts := f.extractAll(sliceType, f.op(instr.X), 3)
		base, length, capacity, elem = parts[0], parts[1], parts[2], t.Elem()
	case *types.Basic:
		parts := f.extractAll(stringType, f.op(instr.X), 2)
		base, length, capacity, elem, str = parts[0], parts[1], parts[1], types.Typ[types.Byte], true
	default:
		f.unsupported("slicing a %s", instr.X.Type())
	}
	low, high, max := "0", length, capacity
	if instr.Low != nil {
		low = f.index64(instr.Low)
	}
	if instr.High != nil {
		high = f.index64(instr.High)
	}
	if instr.Max != nil {
		max = f.index64(instr.Max)
	}
	if str {
		max = high
	}
	f.callRuntime("escgo_check_slice", "i64 "+low, "i64 "+high, "i64 "+max, "i64 "+capacity)
	pointer, newLength, newCapacity := f.temp(), f.temp(), f.temp()
	f.emit("%s = getelementptr inbounds %s, ptr %s, i64 %s", pointer, f.m.typ(elem), base, low)
	f.emit("%s = sub i64 %s, %s", newLength, high, low)
	if str {
		f.buildAggregate(f.names[instr], stringType, []string{"ptr " + pointer, "i64 " + newLength})
		return
	}
	f.emit("%s = sub i64 %s, %s", newCapacity, max, low)
	f.buildAggregate(f.names[instr], sliceType, []string{"ptr " + pointer, "i64 " + newLength, "i64 " + newCapacity})
}

// sliceToArrayPointer: (*[N]T)(s) is s's data pointer once len(s) >= N is checked.
func (f *functionLowering) sliceToArrayPointer(instr *ssa.SliceToArrayPointer) {
	n := deref(instr.Type()).Underlying().(*types.Array).Len()
	parts := f.extractAll(sliceType, f.op(instr.X), 2)
	short := f.temp()
	f.emit("%s = icmp slt i64 %s, %d", short, parts[1], n)
	f.panicIf(short, "escgo_panic_convert", "i64 "+parts[1], fmt.Sprintf("i64 %d", n))
	f.copyRegister(f.names[instr], "ptr", parts[0])
}

// buildAggregate defines result as the aggregate of the typed fields.
func (f *functionLowering) buildAggregate(result, llvmType string, fields []string) {
	value := "undef"
	for i, field := range fields {
		next := result
		if i < len(fields)-1 {
			next = f.temp()
		}
		f.emit("%s = insertvalue %s %s, %s, %d", next, llvmType, value, field, i)
		value = next
	}
}

// makeSlice: make([]T, n, m) with a size known only at run time: a dynamic alloca.
func (f *functionLowering) makeSlice(instr *ssa.MakeSlice) {
	elem := instr.Type().Underlying().(*types.Slice).Elem()
	length, capacity := f.index64(instr.Len), f.index64(instr.Cap)
	if _, constant := instr.Cap.(*ssa.Const); constant {
		// go/ssa made a MakeSlice because the size expression is not a Go constant; lifting
		// later folded it. gc sees a run-time size ("non-constant size"), so does the IR.
		counted := f.temp()
		f.emit("%s = add i64 %s, 0", counted, capacity)
		capacity = counted
	}
	f.callRuntime("escgo_check_slice", "i64 0", "i64 "+length, "i64 "+capacity, "i64 "+capacity)
	name, pos := "make", instr.Pos()
	if call := f.m.sites.callByLparen[instr.Pos()]; call != nil {
		name = gcExpr(call)
	}
	array := f.register("makeslice")
	f.dynamicObject(array, elem, capacity, name, pos)
	f.buildAggregate(f.names[instr], sliceType, []string{"ptr " + array, "i64 " + length, "i64 " + capacity})
}

// elementVariant picks the runtime function whose tags fit elements of type elem.
func elementVariant(name string, elem types.Type) string {
	if hasPointers(elem) {
		return name + "_pointers"
	}
	return name
}

// sliceParts gives the data pointer and length of a slice or string operand.
func (f *functionLowering) sliceParts(v ssa.Value) (string, string) {
	llvmType := f.m.typ(v.Type())
	parts := f.extractAll(llvmType, f.op(v), 2)
	return parts[0], parts[1]
}

func (f *functionLowering) appendBuiltin(args []ssa.Value, result string, resultType types.Type) {
	elem := resultType.Underlying().(*types.Slice).Elem()
	parts := f.extractAll(sliceType, f.op(args[0]), 3)
	source, count := f.sliceParts(args[1])
	capacitySlot := f.tempSlot("i64", 8)
	base := f.callRuntime(elementVariant("escgo_append", elem), "ptr "+parts[0], "i64 "+parts[1], "i64 "+parts[2],
		"ptr "+source, "i64 "+count, fmt.Sprintf("i64 %d", f.m.sizeof(elem)), "ptr "+capacitySlot)
	length, capacity := f.temp(), f.temp()
	f.emit("%s = add i64 %s, %s", length, parts[1], count)
	f.emit("%s = load i64, ptr %s", capacity, capacitySlot)
	f.buildAggregate(result, sliceType, []string{"ptr " + base, "i64 " + length, "i64 " + capacity})
}

func (f *functionLowering) copyBuiltin(args []ssa.Value, result string) {
	elem := args[0].Type().Underlying().(*types.Slice).Elem()
	destination, destinationLength := f.sliceParts(args[0])
	source, sourceLength := f.sliceParts(args[1])
	copied := f.callRuntime(elementVariant("escgo_copy", elem), "ptr "+destination, "i64 "+destinationLength, "ptr "+source,
		"i64 "+sourceLength, fmt.Sprintf("i64 %d", f.m.sizeof(elem)))
	if result != "" {
		f.emit("%s = add i64 %s, 0", result, copied)
	}
}
