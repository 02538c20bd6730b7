// calls.go — calls: to functions lowered here (direct calls, so escc's analysis follows them
// interprocedurally), to the standard library (declarations with gc's tags, stdlib.go),
// through func values (the closure context goes first; closure.go), to interface methods
// (interface.go) and to builtins.
//
// Invariant: a call's operands are lowered before the callee is chosen, so a deferred or go'd
// call (defer.go, goroutine.go) can replay the same call with spilled operands (override).
package main

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

func (f *functionLowering) call(instr *ssa.Call) {
	f.callCommon(instr.Common(), f.names[instr], instr.Type())
}

// callCommon lowers one call; result is the register for its value ("" for none).
func (f *functionLowering) callCommon(c *ssa.CallCommon, result string, resultType types.Type) {
	if c.IsInvoke() {
		f.invoke(c, result, resultType)
		return
	}
	if builtin, ok := c.Value.(*ssa.Builtin); ok {
		f.builtin(builtin.Name(), c.Args, result, resultType)
		return
	}
	var args []string
	for _, arg := range c.Args {
		args = append(args, f.typed(arg))
	}
	ret := f.m.typ(resultType)
	if callee, ok := c.Value.(*ssa.Function); ok {
		if f.m.lowered(callee) && takesContext(callee) {
			args = append([]string{"ptr " + f.literalContext(callee)}, args...)
		}
		f.emitCall(result, ret, quote(f.m.callee(callee)), args)
		return
	}
	context := f.op(c.Value)
	if closure, ok := c.Value.(*ssa.MakeClosure); ok {
		// A func literal called where it is made (or deferred, or bound to a local that is
		// only called): its code is known, so the call is direct and escc's analysis follows
		// it as gc does.
		fn := closure.Fn.(*ssa.Function)
		f.emitCall(result, ret, quote(f.m.callee(fn)), append([]string{"ptr " + context}, args...))
		return
	}
	// A func value: a pointer to its closure context, whose first word is the code pointer.
	code := f.temp()
	f.emit("%s = load ptr, ptr %s", code, context)
	f.emitCall(result, ret, code, append([]string{"ptr " + context}, args...))
}

func (f *functionLowering) emitCall(result, ret, callee string, args []string) {
	if ret == "void" || result == "" {
		f.emit("call %s %s(%s)", ret, callee, strings.Join(args, ", "))
		return
	}
	f.emit("%s = call %s %s(%s)", result, ret, callee, strings.Join(args, ", "))
}

// callee is the symbol a call of fn targets: its lowered body (queued) or its declaration.
func (m *module) callee(fn *ssa.Function) string {
	if m.lowered(fn) {
		m.need(fn)
		return symbolOf(fn)
	}
	return m.declareExternal(fn)
}

// declareExternal declares a function that is not lowered (Go's standard library) with the
// escc-leak tags gc computed for it; one missing from the table leaks every pointer (heap=0).
func (m *module) declareExternal(fn *ssa.Function) string {
	symbol := gcName(fn)
	fullName := fn.String()
	if obj, ok := fn.Object().(*types.Func); ok {
		fullName = obj.FullName()
	}
	tags, known := m.stdlib[fullName]
	if fn.Pkg == m.pkg.ssa && m.sites.noescape[fn.Pos()] {
		tags, known = nil, true // every pointer parameter: none (below)
	}
	var params []string
	index := 0
	addParam := func(t types.Type) {
		text := m.typ(t)
		if hasPointers(t) {
			tag := "heap=0"
			if known && index < len(tags) {
				tag = tags[index]
			} else if known && tags == nil {
				tag = "none"
			}
			text += fmt.Sprintf(" \"escc-leak\"=\"%s\"", tag)
		}
		params = append(params, text)
		index++
	}
	if recv := fn.Signature.Recv(); recv != nil {
		addParam(recv.Type())
	}
	for i := 0; i < fn.Signature.Params().Len(); i++ {
		addParam(fn.Signature.Params().At(i).Type())
	}
	m.declare(symbol, fmt.Sprintf("declare %s %s(%s)%s", m.typ(fn.Signature.Results()), quote(symbol), strings.Join(params, ", "), resultNames(fn.Signature)))
	return symbol
}

func (f *functionLowering) builtin(name string, args []ssa.Value, result string, resultType types.Type) {
	switch name {
	case "len", "cap":
		f.lengthOf(name, args[0], result)
	case "append":
		f.appendBuiltin(args, result, resultType)
	case "copy":
		f.copyBuiltin(args, result)
	case "print", "println":
		f.printBuiltin(args, name == "println")
	case "delete":
		f.deleteBuiltin(args)
	case "close":
		f.callRuntime("escgo_chan_close", f.typed(args[0]))
	case "ssa:wrapnilchk":
		if result != "" {
			f.emit("%s = getelementptr i8, ptr %s, i64 0", result, f.op(args[0]))
		}
	default:
		f.unsupported("builtin %s", name)
	}
}

func (f *functionLowering) lengthOf(name string, x ssa.Value, result string) {
	switch t := x.Type().Underlying().(type) {
	case *types.Basic: // string
		f.emit("%s = extractvalue %s, 1", result, f.typed(x))
	case *types.Slice:
		field := 1
		if name == "cap" {
			field = 2
		}
		f.emit("%s = extractvalue %s, %d", result, f.typed(x), field)
	case *types.Map:
		f.emit("%s = add i64 %s, 0", result, f.callRuntime("escgo_map_len", f.typed(x)))
	case *types.Chan:
		f.emit("%s = add i64 %s, 0", result, f.callRuntime("escgo_chan_"+name, f.typed(x)))
	case *types.Pointer: // *array
		f.emit("%s = add i64 %d, 0", result, t.Elem().Underlying().(*types.Array).Len())
	default:
		f.unsupported("%s of %s", name, x.Type())
	}
}
