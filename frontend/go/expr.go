// expr.go — arithmetic, comparisons, loads and conversions between basic types.
//
// Invariant: Go's defined behaviour is kept where LLVM's would be undefined: shifts by the
// operand's width or more give 0 (or the sign for >> of a signed value), integer division by
// zero panics as gc's does.
package main

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

func (f *functionLowering) unOp(instr *ssa.UnOp) {
	result := f.names[instr]
	switch instr.Op {
	case token.MUL: // *p
		f.emit("%s = load %s, ptr %s", result, f.m.typ(instr.Type()), f.op(instr.X))
	case token.SUB:
		if isFloat(instr.Type()) {
			f.emit("%s = fneg %s", result, f.typed(instr.X))
		} else {
			f.emit("%s = sub %s 0, %s", result, f.m.typ(instr.Type()), f.op(instr.X))
		}
	case token.NOT, token.XOR:
		f.emit("%s = xor %s, -1", result, f.typed(instr.X))
	case token.ARROW:
		f.receive(instr)
	default:
		f.unsupported("unary operator %s", instr.Op)
	}
}

func (f *functionLowering) binOp(instr *ssa.BinOp) {
	t := instr.X.Type()
	if isComplex(t) {
		f.unsupported("complex arithmetic")
	}
	if isString(t) {
		f.stringBinOp(instr)
		return
	}
	if isInterface(t) || isInterface(instr.Y.Type()) {
		f.interfaceCompare(instr)
		return
	}
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
		f.unsupported("comparison of %s values", t)
	case *types.Slice: // only with nil: compare the data pointer
		x, y := f.temp(), f.temp()
		f.emit("%s = extractvalue %s, 0", x, f.typed(instr.X))
		f.emit("%s = extractvalue %s, 0", y, f.typed(instr.Y))
		f.emit("%s = icmp %s ptr %s, %s", f.names[instr], map[token.Token]string{token.EQL: "eq", token.NEQ: "ne"}[instr.Op], x, y)
		return
	}
	result, x, y := f.names[instr], f.op(instr.X), f.op(instr.Y)
	llvmType := f.m.typ(t)
	if isFloat(t) {
		if op, ok := map[token.Token]string{token.ADD: "fadd", token.SUB: "fsub", token.MUL: "fmul", token.QUO: "fdiv"}[instr.Op]; ok {
			f.emit("%s = %s %s %s, %s", result, op, llvmType, x, y)
			return
		}
		if pred, ok := map[token.Token]string{token.EQL: "oeq", token.NEQ: "une", token.LSS: "olt", token.LEQ: "ole", token.GTR: "ogt", token.GEQ: "oge"}[instr.Op]; ok {
			f.emit("%s = fcmp %s %s %s, %s", result, pred, llvmType, x, y)
			return
		}
		f.unsupported("operator %s on floats", instr.Op)
	}
	unsigned := isUnsigned(t) || !isInteger(t)
	switch instr.Op {
	case token.ADD, token.SUB, token.MUL, token.AND, token.OR, token.XOR:
		op := map[token.Token]string{token.ADD: "add", token.SUB: "sub", token.MUL: "mul", token.AND: "and", token.OR: "or", token.XOR: "xor"}[instr.Op]
		f.emit("%s = %s %s %s, %s", result, op, llvmType, x, y)
	case token.AND_NOT:
		inverted := f.temp()
		f.emit("%s = xor %s %s, -1", inverted, llvmType, y)
		f.emit("%s = and %s %s, %s", result, llvmType, x, inverted)
	case token.QUO, token.REM:
		f.checkDivisor(llvmType, y)
		op := map[bool]map[token.Token]string{true: {token.QUO: "udiv", token.REM: "urem"}, false: {token.QUO: "sdiv", token.REM: "srem"}}[unsigned][instr.Op]
		f.emit("%s = %s %s %s, %s", result, op, llvmType, x, y)
	case token.SHL, token.SHR:
		f.shift(instr, llvmType, x, unsigned)
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		pred := map[token.Token]string{token.EQL: "eq", token.NEQ: "ne"}[instr.Op]
		if pred == "" {
			prefix := "s"
			if unsigned {
				prefix = "u"
			}
			pred = prefix + map[token.Token]string{token.LSS: "lt", token.LEQ: "le", token.GTR: "gt", token.GEQ: "ge"}[instr.Op]
		}
		f.emit("%s = icmp %s %s %s, %s", result, pred, llvmType, x, y)
	default:
		f.unsupported("operator %s", instr.Op)
	}
}

// shift: Go defines shifts by any count; LLVM's are poison at or beyond the width.
func (f *functionLowering) shift(instr *ssa.BinOp, llvmType, x string, unsigned bool) {
	count := f.resize(f.op(instr.Y), instr.Y.Type(), f.m.typ(instr.Y.Type()), llvmType)
	width := map[string]int{"i8": 8, "i16": 16, "i32": 32, "i64": 64}[llvmType]
	tooFar := f.temp()
	f.emit("%s = icmp uge %s %s, %d", tooFar, llvmType, count, width)
	clamped := f.temp()
	f.emit("%s = select i1 %s, %s %d, %s %s", clamped, tooFar, llvmType, width-1, llvmType, count)
	shifted := f.temp()
	switch {
	case instr.Op == token.SHL:
		f.emit("%s = shl %s %s, %s", shifted, llvmType, x, clamped)
		f.emit("%s = select i1 %s, %s 0, %s %s", f.names[instr], tooFar, llvmType, llvmType, shifted)
	case unsigned:
		f.emit("%s = lshr %s %s, %s", shifted, llvmType, x, clamped)
		f.emit("%s = select i1 %s, %s 0, %s %s", f.names[instr], tooFar, llvmType, llvmType, shifted)
	default: // arithmetic shift by width-1 already gives the sign
		f.emit("%s = ashr %s %s, %s", f.names[instr], llvmType, x, clamped)
	}
}

// resize converts an integer operand from one width to another (zero-extending unsigned).
func (f *functionLowering) resize(value string, from types.Type, fromType, toType string) string {
	if fromType == toType {
		return value
	}
	bits := map[string]int{"i1": 1, "i8": 8, "i16": 16, "i32": 32, "i64": 64}
	result := f.temp()
	switch {
	case bits[fromType] > bits[toType]:
		f.emit("%s = trunc %s %s to %s", result, fromType, value, toType)
	case isUnsigned(from):
		f.emit("%s = zext %s %s to %s", result, fromType, value, toType)
	default:
		f.emit("%s = sext %s %s to %s", result, fromType, value, toType)
	}
	return result
}

func (f *functionLowering) checkDivisor(llvmType, divisor string) {
	zero := f.temp()
	f.emit("%s = icmp eq %s %s, 0", zero, llvmType, divisor)
	f.panicIf(zero, "escgo_panic_divide")
}

// panicIf branches to a call of the runtime's panic function (no arguments) when cond holds.
func (f *functionLowering) panicIf(cond, runtimeFunction string, args ...string) {
	fail, ok := f.newBlock("panic"), f.newBlock("ok")
	f.emit("br i1 %s, label %%%s, label %%%s", cond, fail.label, ok.label)
	f.startBlock(fail)
	f.callRuntime(runtimeFunction, args...)
	f.emit("unreachable")
	f.startBlock(ok)
}

// pointerArithmeticBase finds the uintptr(p) an integer was computed from by arithmetic
// (uintptr(p) + off, &^ mask, ...), the pattern Go's unsafe rules allow for converting back to
// a pointer; nil when there is none. The module says integers carry no addresses (Go's
// uintptr keeps nothing alive), so this is where p's flow into the new pointer is kept.
func (f *functionLowering) pointerArithmeticBase(v ssa.Value) (*ssa.Convert, string) {
	switch v := v.(type) {
	case *ssa.Convert:
		if f.m.typ(v.X.Type()) == "ptr" {
			return v, f.op(v)
		}
	case *ssa.BinOp:
		switch v.Op {
		case token.ADD, token.SUB, token.AND, token.AND_NOT, token.OR, token.XOR:
			if base, integer := f.pointerArithmeticBase(v.X); base != nil {
				return base, integer
			}
			if v.Op == token.ADD {
				return f.pointerArithmeticBase(v.Y)
			}
		}
	}
	return nil, ""
}

func (f *functionLowering) convert(instr *ssa.Convert) {
	from, to := instr.X.Type(), instr.Type()
	fromType, toType := f.m.typ(from), f.m.typ(to)
	result, x := f.names[instr], f.op(instr.X)
	switch {
	case isString(to) && !isString(from):
		f.toString(instr)
	case isString(from) && !isString(to):
		f.fromString(instr)
	case isComplex(from) || isComplex(to):
		f.unsupported("complex numbers")
	case fromType == "ptr" && toType == "ptr":
		f.copyValue(instr, instr.X)
	case fromType == "ptr":
		f.emit("%s = ptrtoint ptr %s to %s", result, x, toType)
	case toType == "ptr":
		if base, baseInteger := f.pointerArithmeticBase(instr.X); base != nil {
			// unsafe.Pointer(uintptr(p) + off): Go's unsafe rules keep p's object, so the
			// result is derived from p (a GEP), not a pointer made from an integer.
			delta := f.temp()
			f.emit("%s = sub i64 %s, %s", delta, x, baseInteger)
			f.emit("%s = getelementptr i8, ptr %s, i64 %s", result, f.op(base.X), delta)
			return
		}
		if load, ok := instr.X.(*ssa.UnOp); ok && load.Op == token.MUL {
			// unsafe.Pointer(header.Data): the word read is a pointer that memory held
			// (reflect.SliceHeader's pattern), so read it as one.
			f.emit("%s = load ptr, ptr %s", result, f.op(load.X))
			return
		}
		f.emit("%s = inttoptr %s %s to ptr", result, fromType, x)
	case isFloat(from) && isFloat(to):
		switch {
		case fromType == toType:
			f.copyValue(instr, instr.X)
		case fromType == "float":
			f.emit("%s = fpext float %s to double", result, x)
		default:
			f.emit("%s = fptrunc double %s to float", result, x)
		}
	case isFloat(from):
		op := "fptosi"
		if isUnsigned(to) {
			op = "fptoui"
		}
		f.emit("%s = %s %s %s to %s", result, op, fromType, x, toType)
	case isFloat(to):
		op := "sitofp"
		if isUnsigned(from) {
			op = "uitofp"
		}
		f.emit("%s = %s %s %s to %s", result, op, fromType, x, toType)
	case isInteger(from) && isInteger(to):
		if fromType == toType {
			f.copyValue(instr, instr.X)
			return
		}
		resized := f.resize(x, from, fromType, toType)
		f.emit("%s = add %s %s, 0", result, toType, resized)
	default:
		f.unsupported("conversion from %s to %s", from, to)
	}
}
