// closure.go — func values. A func value points at a closure context whose first word is the
// code to call; the code takes the context as its first argument and reads its free
// variables from the following fields. A func literal's context is an allocation site (`func
// literal`, at the literal's `func`), so escc's analysis decides whether it moves to the heap;
// a top-level function used as a value gets a constant context and a small wrapper that drops
// the context argument.
//
// Invariant: every function called through a func value takes `ptr %closure` first.
package main

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// closureGoType is the Go view of fn's context: the code pointer, then each free variable:
// its address (captured by reference) or its value (captured by value, see byValue).
func (m *module) closureGoType(fn *ssa.Function) types.Type {
	fields := []*types.Var{types.NewField(0, nil, "code", types.Typ[types.UnsafePointer], false)}
	for i, fv := range fn.FreeVars {
		t := fv.Type()
		if m.capturedByValue(fn, i) {
			t = deref(t)
		}
		fields = append(fields, types.NewField(0, nil, fv.Name(), t, false))
	}
	return types.NewStruct(fields, nil)
}

func (f *functionLowering) closureType(fn *ssa.Function) string {
	return f.m.typ(f.m.closureGoType(fn))
}

// capturedByValue applies gc's rule (cmd/compile capturevars): a captured variable that is
// never reassigned after its declaration, whose address is never taken otherwise and that is
// at most 128 bytes is copied into the closure instead of shared, so it need not move to the
// heap with the closure. go/ssa always captures by reference (the free variable is the
// variable's address); here that holds when the variable's Alloc is stored to at most once, in
// the block that declares it, before any closure is made, and every use is a load.
func (m *module) capturedByValue(fn *ssa.Function, index int) bool {
	key := fmt.Sprintf("%p/%d", fn, index)
	if answer, ok := m.byValue[key]; ok {
		return answer
	}
	answer := m.decideByValue(fn, index)
	m.byValue[key] = answer
	return answer
}

func (m *module) decideByValue(fn *ssa.Function, index int) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	var binding ssa.Value
	for _, block := range parent.Blocks {
		for _, instr := range block.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				if binding != nil && binding != mc.Bindings[index] {
					return false
				}
				binding = mc.Bindings[index]
			}
		}
	}
	alloc, ok := binding.(*ssa.Alloc)
	if !ok || isSiteComment(alloc.Comment) || m.sizeof(deref(alloc.Type())) > 128 {
		return false
	}
	if !onlyLoaded(fn.FreeVars[index]) {
		return false
	}
	var store *ssa.Store
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if store != nil || ref.Addr != alloc || ref.Block() != alloc.Block() {
				return false
			}
			store = ref
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if ref.Fn != fn || (store != nil && ref.Block() == store.Block() && !before(store, ref)) {
				return false
			}
			if store != nil && ref.Block() != store.Block() && !store.Block().Dominates(ref.Block()) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// onlyLoaded: every use of v (a free variable's address) is a load.
func onlyLoaded(v ssa.Value) bool {
	for _, ref := range *v.Referrers() {
		switch ref := ref.(type) {
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// before: a comes before b in their (common) block.
func before(a, b ssa.Instruction) bool {
	for _, instr := range a.Block().Instrs {
		if instr == a {
			return true
		}
		if instr == b {
			return false
		}
	}
	return false
}

func (f *functionLowering) makeClosure(instr *ssa.MakeClosure) {
	fn := instr.Fn.(*ssa.Function)
	f.m.need(fn)
	name, pos := "func literal", fn.Pos()
	if fn.Parent() == nil { // a bound method value x.M
		name, pos = f.valueSite(instr, nil, fn.Name())
	}
	context := f.names[instr]
	contextType := f.m.closureGoType(fn)
	f.stackObject(context, contextType, name, pos, true, 0)
	f.emit("store ptr %s, ptr %s", quote(symbolOf(fn)), context)
	for i, binding := range instr.Bindings {
		field := f.temp()
		f.emit("%s = getelementptr inbounds %s, ptr %s, i32 0, i32 %d", field, f.m.typ(contextType), context, i+1)
		value := f.typed(binding)
		if f.m.capturedByValue(fn, i) {
			loaded := f.temp()
			elem := f.m.typ(deref(binding.Type()))
			f.emit("%s = load %s, ptr %s", loaded, elem, f.op(binding))
			value = elem + " " + loaded
		}
		f.emit("store %s, ptr %s", value, field)
	}
}

// literalContext: a func literal without free variables called where it is written, go/ssa
// calls directly; gc still reports the literal (`func literal does not escape`), so it gets
// the same context object as any func literal, holding only its code.
func (f *functionLowering) literalContext(fn *ssa.Function) string {
	if fn.Parent() == nil || len(fn.FreeVars) > 0 {
		return "null"
	}
	context := f.register("literal")
	f.stackObject(context, f.m.closureGoType(fn), "func literal", fn.Pos(), true, 0)
	f.emit("store ptr %s, ptr %s", quote(symbolOf(fn)), context)
	return context
}

// funcValue is the constant func value of a function used as a value (not a func literal
// with free variables, whose contexts makeClosure builds).
func (m *module) funcValue(fn *ssa.Function) string {
	symbol := m.callee(fn)
	if name, ok := m.funcValues[symbol]; ok {
		return name
	}
	code := symbol
	if !takesContext(fn) || !m.lowered(fn) {
		code = symbol + "$closure"
		if fn.Signature.Recv() != nil {
			panic(&unsupported{m.pkg.fset.Position(fn.Pos()).String(), "method expression " + fn.Name()})
		}
		m.forwardingWrapper(code, symbol, fn.Signature, "ptr %closure", "", "",
			fmt.Sprintf("%s called through a func value: the closure context is not used.", symbol))
	}
	name := quote(symbol + "$funcval")
	m.funcValues[symbol] = name
	m.globals = append(m.globals, fmt.Sprintf("%s = private constant { ptr } { ptr %s }", name, quote(code)))
	return name
}

// forwardingWrapper defines `wrapper(first, params...)` calling `target(receiver, params...)`
// with sig's parameters and result; receiver ("" for none) is a typed operand the prologue
// (instruction lines) computes from the first parameter.
func (m *module) forwardingWrapper(wrapper, target string, sig *types.Signature, first, receiver, prologue, comment string) {
	params := []string{first}
	var args []string
	if receiver != "" {
		args = append(args, receiver)
	}
	for i := 0; i < sig.Params().Len(); i++ {
		llvmType := m.typ(sig.Params().At(i).Type())
		params = append(params, fmt.Sprintf("%s %%p%d", llvmType, i))
		args = append(args, fmt.Sprintf("%s %%p%d", llvmType, i))
	}
	ret := m.typ(sig.Results())
	call := fmt.Sprintf("call %s %s(%s)", ret, quote(target), strings.Join(args, ", "))
	body := prologue + "  " + call + "\n  ret void\n"
	if ret != "void" {
		body = fmt.Sprintf("%s  %%result = %s\n  ret %s %%result\n", prologue, call, ret)
	}
	m.definitions = append(m.definitions, fmt.Sprintf("; %s\ndefine private %s %s(%s) {\n%s}\n",
		comment, ret, quote(wrapper), strings.Join(params, ", "), body))
}
