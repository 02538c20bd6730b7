// goroutine.go — go statements (and the argument blocks defer.go shares). The call's operands are stored in a temporary argument block
// that escgo_go (runtime/go/goroutine.c) copies to the heap before starting a thread through
// escrt's pthread_create (so the goroutine's stack is scanned); a generated trampoline loads
// them and makes the call. The runtime's tag says the operands reach the heap, as gc decides
// for a go statement's arguments.
//
// Not supported: go (or a defer in a loop) with a builtin or an interface method call.
package main

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

func (f *functionLowering) goStatement(instr *ssa.Go) {
	trampoline, args, size := f.packCall(instr.Common(), "go statement")
	f.callRuntime("escgo_go", "ptr "+trampoline, "ptr "+args, size)
}

// packCall stores the operands of call c in a temporary argument block and writes a
// trampoline that makes the call from such a block (go statements, defers in loops). Returns
// the trampoline, the block and the block's size (typed i64 operand).
func (f *functionLowering) packCall(c *ssa.CallCommon, statement string) (string, string, string) {
	if c.IsInvoke() {
		f.unsupported("%s calling an interface method", statement)
	}
	if _, ok := c.Value.(*ssa.Builtin); ok {
		f.unsupported("%s calling a builtin", statement)
	}
	operands := callOperands(c)
	var fields []string
	arrays := make([]int64, len(operands))
	for i, operand := range operands {
		if array := variadicArray(operand); array != nil {
			// gc builds a go/defer call's `... argument` inside the deferred call, so it does
			// not escape with the operands: the block carries the array's elements, and the
			// trampoline rebuilds the slice on its own stack.
			arrays[i] = deref(array.Type()).Underlying().(*types.Array).Len()
			fields = append(fields, f.m.typ(deref(array.Type())))
			continue
		}
		fields = append(fields, f.m.typ(operand.Type()))
	}
	block := literalStruct(fields)
	args := f.tempSlot(block, 8)
	for i, operand := range operands {
		field := f.temp()
		f.emit("%s = getelementptr inbounds %s, ptr %s, i32 0, i32 %d", field, block, args, i)
		value := f.typed(operand)
		if arrays[i] > 0 {
			elements := f.temp()
			f.emit("%s = load %s, ptr %s", elements, fields[i], f.op(variadicArray(operand)))
			value = fields[i] + " " + elements
		}
		f.emit("store %s, ptr %s", value, field)
	}
	trampoline := f.trampoline(c, block, fields, arrays)
	return quote(trampoline), args, fmt.Sprintf("i64 ptrtoint (ptr getelementptr (%s, ptr null, i32 1) to i64)", block)
}

// variadicArray: the `... argument` array an operand slices whole, or nil.
func variadicArray(operand ssa.Value) *ssa.Alloc {
	slice, ok := operand.(*ssa.Slice)
	if !ok || slice.Low != nil || slice.High != nil || slice.Max != nil {
		return nil
	}
	if array, ok := slice.X.(*ssa.Alloc); ok && array.Comment == "varargs" {
		return array
	}
	return nil
}

// trampoline writes `void T(ptr %args)` that loads the operands and makes call c.
func (f *functionLowering) trampoline(c *ssa.CallCommon, block string, fields []string, arrays []int64) string {
	f.m.extraCount++
	name := fmt.Sprintf("%s$go%d", f.symbol, f.m.extraCount)
	var body strings.Builder
	var loaded []string
	for i, field := range fields {
		fmt.Fprintf(&body, "  %%f%d.addr = getelementptr inbounds %s, ptr %%args, i32 0, i32 %d\n", i, block, i)
		fmt.Fprintf(&body, "  %%f%d = load %s, ptr %%f%d.addr\n", i, field, i)
		if arrays[i] > 0 { // an `... argument` array: a slice of a copy in this frame
			fmt.Fprintf(&body, "  %%f%d.array = alloca %s\n  store %s %%f%d, ptr %%f%d.array\n", i, field, field, i, i)
			fmt.Fprintf(&body, "  %%f%d.s0 = insertvalue %s undef, ptr %%f%d.array, 0\n", i, sliceType, i)
			fmt.Fprintf(&body, "  %%f%d.s1 = insertvalue %s %%f%d.s0, i64 %d, 1\n", i, sliceType, i, arrays[i])
			fmt.Fprintf(&body, "  %%f%d.slice = insertvalue %s %%f%d.s1, i64 %d, 2\n", i, sliceType, i, arrays[i])
			loaded = append(loaded, fmt.Sprintf("%s %%f%d.slice", sliceType, i))
			continue
		}
		loaded = append(loaded, fmt.Sprintf("%s %%f%d", field, i))
	}
	ret := f.m.typ(c.Signature().Results())
	var callee string
	args := loaded
	if fn, ok := c.Value.(*ssa.Function); ok {
		callee = quote(f.m.callee(fn))
		if f.m.lowered(fn) && takesContext(fn) {
			args = append([]string{"ptr null"}, args...)
		}
	} else {
		fmt.Fprintf(&body, "  %%code = load ptr, ptr %%f0\n")
		callee = "%code"
	}
	fmt.Fprintf(&body, "  call %s %s(%s)\n  ret void\n", ret, callee, strings.Join(args, ", "))
	f.m.definitions = append(f.m.definitions, fmt.Sprintf("; the body of a go statement in %s\ndefine private void %s(ptr %%args) {\n%s}\n", f.symbol, quote(name), body.String()))
	return name
}
