// function.go — lowering one go/ssa function: its LLVM signature, parameter stack slots (as
// clang -O0 makes them), the walk over blocks and instructions, φ-nodes and terminators.
// Each Go feature's instructions are lowered in the file named after it (alloc.go, calls.go,
// slice.go, interface.go, closure.go, map.go, channel.go, defer.go, goroutine.go).
//
// Calling convention: a Go function `pkg.F(a A, b B) (R1, R2)` is `define {R1, R2} @"pkg.F"(A
// %a, B %b)`; methods take the receiver first; closure bodies (and every function reached
// through a func value) take the closure context `ptr %closure` before the Go parameters.
//
// Invariant: every value an instruction defines is an LLVM register named after go/ssa's name
// (t3 → %t3); one go/ssa block may become several LLVM blocks (bounds checks, type tests), so
// φ-nodes name the *last* LLVM block of each predecessor (exitLabel).
package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/ssa"
)

type llvmBlock struct {
	label string
	phis  []*ssa.Phi
	lines []string
}

type functionLowering struct {
	m            *module
	fn           *ssa.Function
	symbol       string
	takesContext bool
	scope        int
	entry        []string
	blocks       []*llvmBlock
	current      *llvmBlock
	exitLabel    map[*ssa.BasicBlock]string
	names        map[ssa.Value]string
	used         map[string]bool
	pos          token.Pos
	sourceExprs  map[ssa.Value][]ast.Expr // go/ssa's DebugRefs: the expressions of a value
	override     map[ssa.Value]string
	paramSlots   map[*ssa.Alloc]int
	defers       *deferState
}

func newFunctionLowering(m *module, fn *ssa.Function) *functionLowering {
	return &functionLowering{m: m, fn: fn, symbol: symbolOf(fn), takesContext: takesContext(fn),
		exitLabel: map[*ssa.BasicBlock]string{}, names: map[ssa.Value]string{},
		used: map[string]bool{}, sourceExprs: map[ssa.Value][]ast.Expr{},
		override: map[ssa.Value]string{}, paramSlots: map[*ssa.Alloc]int{}}
}

// takesContext: closure bodies and bound-method wrappers get their free variables through a
// context pointer; so does everything called through a func value (funcValue wrappers).
func takesContext(fn *ssa.Function) bool {
	return fn.Parent() != nil || len(fn.FreeVars) > 0
}

// gcName is gc's name for a function: pkg.F, pkg.T.M, pkg.(*T).M, pkg.F.func1.
func gcName(fn *ssa.Function) string {
	if parent := fn.Parent(); parent != nil {
		for i, anon := range parent.AnonFuncs {
			if anon == fn {
				if parent.Parent() != nil {
					return fmt.Sprintf("%s.%d", gcName(parent), i+1)
				}
				return fmt.Sprintf("%s.func%d", gcName(parent), i+1)
			}
		}
	}
	pkgPath := ""
	if fn.Pkg != nil {
		pkgPath = fn.Pkg.Pkg.Path()
	} else if fn.Object() != nil && fn.Object().Pkg() != nil {
		pkgPath = fn.Object().Pkg().Path()
	}
	name := fn.Name()
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		star := ""
		if p, ok := t.(*types.Pointer); ok {
			t, star = p.Elem(), "*"
		}
		typeName := types.TypeString(t, func(*types.Package) string { return "" })
		if named, ok := t.(*types.Named); ok && named.Obj().Pkg() != nil {
			pkgPath = named.Obj().Pkg().Path()
			typeName = named.Obj().Name()
		}
		if star != "" {
			return fmt.Sprintf("%s.(*%s).%s", pkgPath, typeName, name)
		}
		return fmt.Sprintf("%s.%s.%s", pkgPath, typeName, name)
	}
	if pkgPath == "" {
		return name
	}
	return pkgPath + "." + name
}

// symbolOf is fn's LLVM symbol: gc's name, with go/ssa's wrapper suffixes kept distinct.
func symbolOf(fn *ssa.Function) string {
	name := gcName(fn)
	switch {
	case strings.HasSuffix(fn.Name(), "$bound"):
		name += "$bound"
	case strings.HasSuffix(fn.Name(), "$thunk"):
		name += "$thunk"
	case fn.Synthetic != "" && fn.Signature.Recv() != nil:
		name += "$wrapper"
	}
	return name
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)

// register reserves a unique LLVM register name based on want.
func (f *functionLowering) register(want string) string {
	if want == "" || want == "_" {
		want = "tmp"
	}
	name := want
	for i := 1; f.used[name]; i++ {
		name = fmt.Sprintf("%s.%d", want, i)
	}
	f.used[name] = true
	if plainName.MatchString(name) {
		return "%" + name
	}
	return "%\"" + escapeBytes(name) + "\""
}

func (f *functionLowering) temp() string { return f.register("") }

// emit appends one instruction with the current debug location.
func (f *functionLowering) emit(format string, args ...interface{}) {
	line := fmt.Sprintf(format, args...)
	f.current.lines = append(f.current.lines, fmt.Sprintf("  %s, !dbg !%d", line, f.location()))
}

// emitPlain appends an instruction that takes no !dbg (a declare record, a label-less line).
func (f *functionLowering) emitPlain(format string, args ...interface{}) {
	f.current.lines = append(f.current.lines, "  "+fmt.Sprintf(format, args...))
}

func (f *functionLowering) location() int {
	pos := f.pos
	if !pos.IsValid() {
		pos = f.fn.Pos()
	}
	return f.m.debug.location(pos, f.scope)
}

// newBlock starts a fresh LLVM block (the current one must have ended with a terminator).
func (f *functionLowering) newBlock(prefix string) *llvmBlock {
	b := &llvmBlock{label: strings.TrimPrefix(f.register(prefix), "%")}
	return b
}

func (f *functionLowering) startBlock(b *llvmBlock) {
	f.blocks = append(f.blocks, b)
	f.current = b
}

func (f *functionLowering) fallbackFile() string { return f.m.opts.files[0] }

func (f *functionLowering) unsupported(format string, args ...interface{}) {
	f.m.unsupported(f.pos, f.fn.Pos(), format, args...)
}

func (f *functionLowering) lower() string {
	fn := f.fn
	if fn.Signature.TypeParams() != nil || fn.TypeParams() != nil {
		f.unsupported("generic function %s", fn.Name())
	}
	f.scope = f.m.debug.subprogram(gcName(fn), fn.Pos(), f.fallbackFile())
	for _, block := range fn.Blocks {
		for _, instr := range block.Instrs {
			if ref, ok := instr.(*ssa.DebugRef); ok && !ref.IsAddr {
				f.sourceExprs[ref.X] = append(f.sourceExprs[ref.X], ref.Expr)
			}
		}
	}
	entry := &llvmBlock{label: "entry"}
	f.used["entry"] = true
	f.startBlock(entry)
	for i := range fn.Blocks {
		f.used[fmt.Sprintf("b%d", i)] = true
	}
	params := f.lowerParameters()
	for _, block := range fn.Blocks {
		for _, instr := range block.Instrs {
			if v, ok := instr.(ssa.Value); ok && v.Name() != "" {
				if _, named := f.names[v]; !named {
					f.names[v] = f.register(v.Name())
				}
			}
		}
	}
	f.prepareDefers()
	f.pos = fn.Pos()
	f.emitPlain("br label %%b0")
	for i, block := range fn.Blocks {
		b := &llvmBlock{label: fmt.Sprintf("b%d", i)}
		f.startBlock(b)
		for _, instr := range block.Instrs {
			if phi, ok := instr.(*ssa.Phi); ok {
				b.phis = append(b.phis, phi)
				continue
			}
			if instr.Pos().IsValid() {
				f.pos = instr.Pos()
			}
			f.instruction(instr)
		}
		f.exitLabel[block] = f.current.label
	}
	ret := f.m.typ(fn.Signature.Results())
	var b strings.Builder
	fmt.Fprintf(&b, "define %s %s(%s)%s !dbg !%d {\n", ret, quote(f.symbol), strings.Join(params, ", "), resultNames(fn.Signature), f.scope)
	for _, block := range f.blocks {
		fmt.Fprintf(&b, "%s:\n", block.label)
		if block == entry {
			for _, line := range f.entry {
				b.WriteString(line + "\n")
			}
		}
		for _, phi := range block.phis {
			var incoming []string
			for i, edge := range phi.Edges {
				incoming = append(incoming, fmt.Sprintf("[ %s, %%%s ]", f.op(edge), f.exitLabel[phi.Block().Preds[i]]))
			}
			fmt.Fprintf(&b, "  %s = phi %s %s\n", f.names[phi], f.m.typ(phi.Type()), strings.Join(incoming, ", "))
		}
		for _, line := range block.lines {
			b.WriteString(line + "\n")
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// resultNames is the "escc-results" attribute naming a function's results as gc does: a named
// result's name, ~rK for an unnamed one, ~bK for _ (docs/go.md); "" without results.
func resultNames(sig *types.Signature) string {
	results := sig.Results()
	if results.Len() == 0 {
		return ""
	}
	var names []string
	for i := 0; i < results.Len(); i++ {
		switch name := results.At(i).Name(); name {
		case "":
			names = append(names, fmt.Sprintf("~r%d", i))
		case "_":
			names = append(names, fmt.Sprintf("~b%d", i))
		default:
			names = append(names, name)
		}
	}
	return fmt.Sprintf(" \"escc-results\"=\"%s\"", strings.Join(names, ","))
}

// lowerParameters names the LLVM parameters and gives every named Go parameter a stack slot
// with its DILocalVariable (arg: N), as clang -O0 does; a parameter go/ssa already spilled
// (its address is taken) uses that Alloc as its slot.
func (f *functionLowering) lowerParameters() []string {
	var params []string
	if f.takesContext {
		params = append(params, "ptr %closure")
		f.used["closure"] = true
	}
	spilled := map[string]*ssa.Alloc{}
	if len(f.fn.Blocks) > 0 { // go/ssa spills a parameter at entry (Locals omits heap ones)
		for _, instr := range f.fn.Blocks[0].Instrs {
			if local, ok := instr.(*ssa.Alloc); ok {
				spilled[fmt.Sprintf("%s@%d", local.Comment, local.Pos())] = local
			}
		}
	}
	for i, param := range f.fn.Params {
		name := f.register(param.Name())
		f.names[param] = name
		llvmType := f.m.typ(param.Type())
		params = append(params, llvmType+" "+name)
		if obj := param.Object(); obj == nil || obj.Name() == "" || obj.Name() == "_" {
			continue // unnamed: gc reports nothing about it
		}
		if slot := spilled[fmt.Sprintf("%s@%d", param.Name(), param.Pos())]; slot != nil {
			f.paramSlots[slot] = i + 1
			continue
		}
		slot := f.register(param.Name() + ".addr")
		f.pos = param.Pos()
		variable := f.m.debug.variable(param.Name(), i+1, f.scope, param.Pos(), f.fallbackFile(), param.Type().String(), false)
		f.entry = append(f.entry,
			fmt.Sprintf("  %s = alloca %s, align %d", slot, llvmType, f.m.alignof(param.Type())),
			fmt.Sprintf("  store %s %s, ptr %s, align %d", llvmType, name, slot, f.m.alignof(param.Type())),
			"  "+f.m.debug.declare(slot, variable, f.location()))
	}
	for i, fv := range f.fn.FreeVars {
		name := f.register(fv.Name())
		f.names[fv] = name
		field := fmt.Sprintf("getelementptr inbounds %s, ptr %%closure, i32 0, i32 %d", f.closureType(f.fn), i+1)
		if f.m.capturedByValue(f.fn, i) { // the variable is the context's field
			f.entry = append(f.entry, fmt.Sprintf("  %s = %s", name, field))
			continue
		}
		address := f.register(fv.Name() + ".field")
		f.entry = append(f.entry, fmt.Sprintf("  %s = %s", address, field),
			fmt.Sprintf("  %s = load %s, ptr %s", name, f.m.typ(fv.Type()), address))
	}
	return params
}

// op is the LLVM operand text of a value (without its type).
func (f *functionLowering) op(v ssa.Value) string {
	if text, ok := f.override[v]; ok {
		return text
	}
	switch v := v.(type) {
	case *ssa.Const:
		return f.constant(v)
	case *ssa.Function:
		return f.m.funcValue(v)
	case *ssa.Global:
		return f.m.globalName(v)
	case *ssa.Builtin:
		f.unsupported("builtin %s used as a value", v.Name())
	}
	name, ok := f.names[v]
	if !ok {
		f.unsupported("value %s", v)
	}
	return name
}

func (f *functionLowering) typed(v ssa.Value) string { return f.m.typ(v.Type()) + " " + f.op(v) }

func (f *functionLowering) constant(c *ssa.Const) string {
	llvmType := f.m.typ(c.Type())
	if c.Value == nil {
		return zeroValue(llvmType)
	}
	t := c.Type()
	switch {
	case isBool(t):
		if c.Value.String() == "true" {
			return "true"
		}
		return "false"
	case isString(t):
		text := constant.StringVal(c.Value)
		if text == "" {
			return "zeroinitializer"
		}
		return fmt.Sprintf("{ ptr %s, i64 %d }", f.m.stringConstant(text), len(text))
	case isInteger(t):
		if isUnsigned(t) {
			return fmt.Sprintf("%d", int64(c.Uint64()))
		}
		return fmt.Sprintf("%d", c.Int64())
	case isFloat(t):
		return floatConstant(c.Float64(), llvmType)
	}
	f.unsupported("constant of type %s", t)
	return ""
}

// instruction lowers one go/ssa instruction (φ-nodes are written at the end, see lower).
func (f *functionLowering) instruction(instr ssa.Instruction) {
	switch instr := instr.(type) {
	case *ssa.DebugRef:
	case *ssa.Alloc:
		f.alloc(instr)
	case *ssa.Store:
		if conversion, ok := instr.Val.(*ssa.Convert); ok && f.m.typ(conversion.X.Type()) == "ptr" && isInteger(conversion.Type()) {
			// header.Data = uintptr(p): memory now holds p's address, whatever the field's Go
			// type; store the pointer so the analysis sees it go there.
			f.emit("store ptr %s, ptr %s", f.op(conversion.X), f.op(instr.Addr))
			return
		}
		f.emit("store %s, ptr %s", f.typed(instr.Val), f.op(instr.Addr))
	case *ssa.UnOp:
		f.unOp(instr)
	case *ssa.BinOp:
		f.binOp(instr)
	case *ssa.Call:
		f.call(instr)
	case *ssa.Return:
		f.ret(instr)
	case *ssa.Jump:
		f.emit("br label %%b%d", instr.Block().Succs[0].Index)
	case *ssa.If:
		succs := instr.Block().Succs
		f.emit("br i1 %s, label %%b%d, label %%b%d", f.op(instr.Cond), succs[0].Index, succs[1].Index)
	case *ssa.FieldAddr:
		f.emit("%s = getelementptr inbounds %s, ptr %s, i32 0, i32 %d", f.names[instr],
			f.m.typ(deref(instr.X.Type())), f.op(instr.X), instr.Field)
	case *ssa.Field:
		f.emit("%s = extractvalue %s, %d", f.names[instr], f.typed(instr.X), instr.Field)
	case *ssa.IndexAddr:
		f.indexAddr(instr)
	case *ssa.Index:
		f.index(instr)
	case *ssa.Extract:
		f.emit("%s = extractvalue %s, %d", f.names[instr], f.typed(instr.Tuple), instr.Index)
	case *ssa.Convert:
		f.convert(instr)
	case *ssa.ChangeType:
		f.copyValue(instr, instr.X)
	case *ssa.Slice:
		f.slice(instr)
	case *ssa.MakeSlice:
		f.makeSlice(instr)
	case *ssa.MakeInterface:
		f.makeInterface(instr)
	case *ssa.ChangeInterface:
		f.copyValue(instr, instr.X)
	case *ssa.TypeAssert:
		f.typeAssert(instr)
	case *ssa.MakeClosure:
		f.makeClosure(instr)
	case *ssa.MakeMap:
		f.makeMap(instr)
	case *ssa.MapUpdate:
		f.mapUpdate(instr)
	case *ssa.Lookup:
		f.lookup(instr)
	case *ssa.Range:
		f.rangeStart(instr)
	case *ssa.Next:
		f.rangeNext(instr)
	case *ssa.MakeChan:
		f.makeChan(instr)
	case *ssa.Send:
		f.send(instr)
	case *ssa.Go:
		f.goStatement(instr)
	case *ssa.Defer:
		f.deferStatement(instr)
	case *ssa.RunDefers:
		f.runDefers()
	case *ssa.Panic:
		f.panicValue(instr.X)
	case *ssa.Select:
		f.unsupported("select statement")
	case *ssa.SliceToArrayPointer:
		f.sliceToArrayPointer(instr)
	default:
		f.unsupported("%T instruction", instr)
	}
}

// copyValue defines instr as the same LLVM value as x (representation-preserving changes).
func (f *functionLowering) copyValue(instr ssa.Value, x ssa.Value) {
	f.copyRegister(f.names[instr], f.m.typ(instr.Type()), f.op(x))
}

func (f *functionLowering) ret(instr *ssa.Return) {
	switch len(instr.Results) {
	case 0:
		f.emit("ret void")
	case 1:
		f.emit("ret %s", f.typed(instr.Results[0]))
	default:
		tuple := f.m.typ(f.fn.Signature.Results())
		value := "undef"
		for i, result := range instr.Results {
			next := f.temp()
			f.emit("%s = insertvalue %s %s, %s, %d", next, tuple, value, f.typed(result), i)
			value = next
		}
		f.emit("ret %s %s", tuple, value)
	}
}
