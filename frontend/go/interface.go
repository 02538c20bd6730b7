// interface.go — interfaces: a value is { type descriptor, data }. The data word is the value
// itself for pointer-shaped types and otherwise the address of a box: an allocation site named
// after the boxed expression, as gc reports `x escapes to heap`. Method calls look the method up
// by name in the descriptor's table (runtime/go/iface.c) and call it indirectly, so escc's
// analysis treats their arguments as gc does (an unknown callee: they escape). Type switches
// and assertions compare descriptors.
//
// A descriptor is `{ ptr name, i64 kind, i64 size, i64 method count, ptr methods }`; methods
// are `{ ptr name, ptr code }` sorted by name, code taking the data word first.
//
// Invariant: one descriptor per Go type (keyed by its type string), so descriptor identity is
// type identity.
package main

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Kinds in a descriptor (iface.c and print.c read them).
const (
	kindOther = iota
	kindBool
	kindInt
	kindUint
	kindFloat
	kindString
	kindPointer
)

func isDirect(t types.Type) bool {
	_, direct := directInterface(t)
	return direct
}

func typeKind(t types.Type) int {
	switch {
	case isBool(t):
		return kindBool
	case isString(t):
		return kindString
	case isFloat(t):
		return kindFloat
	case isInteger(t) && isUnsigned(t):
		return kindUint
	case isInteger(t):
		return kindInt
	case isDirect(t):
		return kindPointer
	}
	return kindOther
}

// typeDescriptor returns the global describing concrete type t.
func (m *module) typeDescriptor(t types.Type) string {
	key := types.TypeString(t, nil)
	if name, ok := m.typeDescs[key]; ok {
		return name
	}
	name := quote("type:" + key)
	m.typeDescs[key] = name
	methods := m.pkg.ssa.Prog.MethodSets.MethodSet(t)
	var entries []string
	var selections []*types.Selection
	for i := 0; i < methods.Len(); i++ {
		selections = append(selections, methods.At(i))
	}
	sort.Slice(selections, func(i, j int) bool { return selections[i].Obj().Name() < selections[j].Obj().Name() })
	for _, sel := range selections {
		fn := m.pkg.ssa.Prog.MethodValue(sel)
		if fn == nil {
			continue
		}
		code := m.methodCode(t, fn)
		entries = append(entries, fmt.Sprintf("{ ptr, ptr } { ptr %s, ptr %s }", m.stringConstant(sel.Obj().Name()), quote(code)))
	}
	table := "null"
	if len(entries) > 0 {
		table = quote("methods:" + key)
		m.globals = append(m.globals, fmt.Sprintf("%s = private constant [%d x { ptr, ptr }] [%s]", table, len(entries), strings.Join(entries, ", ")))
	}
	m.globals = append(m.globals, fmt.Sprintf("%s = constant { ptr, i64, i64, i64, ptr } { ptr %s, i64 %d, i64 %d, i64 %d, ptr %s }",
		name, m.stringConstant(t.String()), typeKind(t), m.sizeof(t), len(entries), table))
	return name
}

// methodCode is the symbol called for method fn of a value of type t held in an interface:
// fn itself when t is pointer-shaped (its receiver is the data word), else a wrapper that
// rebuilds the receiver from the data word (a direct struct or array) or loads it from the box.
func (m *module) methodCode(t types.Type, fn *ssa.Function) string {
	symbol := m.callee(fn)
	if pointerShaped(t) {
		return symbol
	}
	wrapper := symbol + "$iface"
	if _, done := m.funcValues[wrapper]; done {
		return wrapper
	}
	m.funcValues[wrapper] = wrapper
	prologue := fmt.Sprintf("  %%receiver = load %s, ptr %%data\n", m.typ(t))
	comment := fmt.Sprintf("%s's method called through an interface: the receiver is boxed.", t)
	if path, direct := directInterface(t); direct {
		prologue = fmt.Sprintf("  %%receiver = insertvalue %s zeroinitializer, ptr %%data, %s\n", m.typ(t), indices(path))
		comment = fmt.Sprintf("%s's method called through an interface: the data word is its pointer.", t)
	}
	m.forwardingWrapper(wrapper, symbol, fn.Signature, "ptr %data", m.typ(t)+" %receiver", prologue, comment)
	return wrapper
}

// constantGlobal returns the private constant global named key, defining it once with the
// "TYPE VALUE" text define gives.
func (m *module) constantGlobal(key string, define func() string) string {
	if name, ok := m.typeDescs[key]; ok {
		return name
	}
	name := quote(key)
	m.typeDescs[key] = name
	m.globals = append(m.globals, fmt.Sprintf("%s = private constant %s", name, define()))
	return name
}

// interfaceDescriptor lists the method names of interface type t.
func (m *module) interfaceDescriptor(t types.Type) string {
	return m.constantGlobal("iface:"+types.TypeString(t, nil), func() string {
		iface := t.Underlying().(*types.Interface)
		var names []string
		for i := 0; i < iface.NumMethods(); i++ {
			names = append(names, "ptr "+m.stringConstant(iface.Method(i).Name()))
		}
		return fmt.Sprintf("{ i64, [%d x ptr] } { i64 %d, [%d x ptr] [%s] }",
			len(names), len(names), len(names), strings.Join(names, ", "))
	})
}

func (f *functionLowering) makeInterface(instr *ssa.MakeInterface) {
	t := instr.X.Type()
	if types.IsInterface(t) {
		f.copyValue(instr, instr.X)
		return
	}
	descriptor := f.m.typeDescriptor(t)
	data := f.op(instr.X)
	if path, direct := directInterface(t); direct && len(path) > 0 {
		data = f.temp()
		f.emit("%s = extractvalue %s, %s", data, f.typed(instr.X), indices(path))
	} else if !direct {
		name, pos := f.valueSite(instr, instr.X, "interface conversion")
		box := f.register("box")
		f.stackObject(box, t, name, pos, true, 0)
		f.emit("store %s, ptr %s", f.typed(instr.X), box)
		data = box
	}
	f.buildAggregate(f.names[instr], ifaceType, []string{"ptr " + descriptor, "ptr " + data})
}

func (f *functionLowering) invoke(c *ssa.CallCommon, result string, resultType types.Type) {
	parts := f.extractAll(ifaceType, f.op(c.Value), 2)
	code := f.callRuntime("escgo_iface_method", "ptr "+parts[0], "ptr "+f.m.stringConstant(c.Method.Name()))
	args := []string{"ptr " + parts[1]}
	for _, arg := range c.Args {
		args = append(args, f.typed(arg))
	}
	f.emitCall(result, f.m.typ(resultType), code, args)
}

func (f *functionLowering) typeAssert(instr *ssa.TypeAssert) {
	x := f.op(instr.X)
	dynamic := f.temp()
	f.emit("%s = extractvalue %s %s, 0", dynamic, ifaceType, x)
	asserted := instr.AssertedType
	ok := f.temp()
	var value, valueType string
	if types.IsInterface(asserted) {
		if asserted.Underlying().(*types.Interface).NumMethods() == 0 {
			f.emit("%s = icmp ne ptr %s, null", ok, dynamic)
		} else {
			implements := f.callRuntime("escgo_iface_implements", "ptr "+dynamic, "ptr "+f.m.interfaceDescriptor(asserted))
			f.emit("%s = icmp ne i64 %s, 0", ok, implements)
		}
		valueType, value = ifaceType, f.temp()
		f.emit("%s = select i1 %s, %s %s, %s zeroinitializer", value, ok, ifaceType, x, ifaceType)
		if !instr.CommaOk {
			f.assertOrPanic(ok, dynamic, f.m.interfaceDescriptor(asserted))
		}
	} else {
		want := f.m.typeDescriptor(asserted)
		f.emit("%s = icmp eq ptr %s, %s", ok, dynamic, want)
		if !instr.CommaOk {
			f.assertOrPanic(ok, dynamic, want)
		}
		valueType = f.m.typ(asserted)
		data := f.temp()
		f.emit("%s = extractvalue %s %s, 1", data, ifaceType, x)
		value = f.temp()
		if path, direct := directInterface(asserted); direct {
			pointer := value
			if len(path) > 0 {
				pointer = f.temp()
			}
			f.emit("%s = select i1 %s, ptr %s, ptr null", pointer, ok, data)
			if len(path) > 0 {
				f.emit("%s = insertvalue %s zeroinitializer, ptr %s, %s", value, valueType, pointer, indices(path))
			}
		} else {
			box := f.temp()
			f.emit("%s = select i1 %s, ptr %s, ptr %s", box, ok, data, f.zeroObject(asserted))
			f.emit("%s = load %s, ptr %s", value, valueType, box)
		}
	}
	if instr.CommaOk {
		tuple := fmt.Sprintf("{ %s, i1 }", valueType)
		f.buildAggregate(f.names[instr], tuple, []string{valueType + " " + value, "i1 " + ok})
		return
	}
	f.copyRegister(f.names[instr], valueType, value)
}

// zeroObject is a constant global holding the zero value of t (read by failed assertions).
func (f *functionLowering) zeroObject(t types.Type) string {
	return f.m.constantGlobal("zero:"+types.TypeString(t, nil), func() string {
		return f.m.typ(t) + " " + zeroValue(f.m.typ(t))
	})
}

func (f *functionLowering) assertOrPanic(ok, have, want string) {
	failed := f.temp()
	f.emit("%s = xor i1 %s, true", failed, ok)
	f.panicIf(failed, "escgo_panic_assert", "ptr "+have, "ptr "+want)
}

// copyRegister defines register as value (an LLVM value has one name; this gives it another).
func (f *functionLowering) copyRegister(register, llvmType, value string) {
	if llvmType == "ptr" {
		f.emit("%s = getelementptr i8, ptr %s, i64 0", register, value)
		return
	}
	f.emit("%s = select i1 true, %s %s, %s %s", register, llvmType, value, llvmType, zeroValue(llvmType))
}

func (f *functionLowering) interfaceCompare(instr *ssa.BinOp) {
	if instr.Op != token.EQL && instr.Op != token.NEQ {
		f.unsupported("operator %s on interfaces", instr.Op)
	}
	predicate := map[token.Token]string{token.EQL: "eq", token.NEQ: "ne"}[instr.Op]
	for _, pair := range [][2]ssa.Value{{instr.X, instr.Y}, {instr.Y, instr.X}} {
		if c, ok := pair[1].(*ssa.Const); ok && c.Value == nil && types.IsInterface(pair[0].Type()) {
			dynamic := f.temp()
			f.emit("%s = extractvalue %s, 0", dynamic, f.typed(pair[0]))
			f.emit("%s = icmp %s ptr %s, null", f.names[instr], predicate, dynamic)
			return
		}
	}
	if !types.IsInterface(instr.X.Type()) || !types.IsInterface(instr.Y.Type()) {
		f.unsupported("comparison of an interface with a %s", instr.Y.Type())
	}
	x := f.extractAll(ifaceType, f.op(instr.X), 2)
	y := f.extractAll(ifaceType, f.op(instr.Y), 2)
	equal := f.callRuntime("escgo_iface_equal", "ptr "+x[0], "ptr "+x[1], "ptr "+y[0], "ptr "+y[1])
	f.emit("%s = icmp %s i64 %s, 0", f.names[instr], map[string]string{"eq": "ne", "ne": "eq"}[predicate], equal)
}
