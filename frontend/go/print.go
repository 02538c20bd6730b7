// print.go — the print and println builtins, lowered as gc lowers them: one runtime call per
// argument (print.c writes to standard error), spaces and the newline for println, the whole
// line under the print lock so goroutines' lines do not interleave.
package main

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

func (f *functionLowering) printBuiltin(args []ssa.Value, newline bool) {
	f.callRuntime("escgo_printlock")
	for i, arg := range args {
		if newline && i > 0 {
			f.callRuntime("escgo_printsp")
		}
		f.printValue(arg)
	}
	if newline {
		f.callRuntime("escgo_printnl")
	}
	f.callRuntime("escgo_printunlock")
}

func (f *functionLowering) printValue(arg ssa.Value) {
	t := arg.Type()
	llvmType := f.m.typ(t)
	value := f.op(arg)
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case isBool(t):
			f.callRuntime("escgo_printbool", "i64 "+f.resize(value, t, "i1", "i64"))
		case isString(t):
			pointer, length := f.temp(), f.temp()
			f.emit("%s = extractvalue %s %s, 0", pointer, llvmType, value)
			f.emit("%s = extractvalue %s %s, 1", length, llvmType, value)
			f.callRuntime("escgo_printstring", "ptr "+pointer, "i64 "+length)
		case isFloat(t):
			if llvmType == "float" {
				wide := f.temp()
				f.emit("%s = fpext float %s to double", wide, value)
				value = wide
			}
			f.callRuntime("escgo_printfloat", "double "+value)
		case isInteger(t) && isUnsigned(t):
			f.callRuntime("escgo_printuint", "i64 "+f.resize(value, t, llvmType, "i64"))
		case isInteger(t):
			f.callRuntime("escgo_printint", "i64 "+f.resize(value, t, llvmType, "i64"))
		case u.Kind() == types.UnsafePointer || u.Kind() == types.UntypedNil:
			f.callRuntime("escgo_printpointer", "ptr "+value)
		default:
			f.unsupported("printing a %s", t)
		}
	case *types.Pointer, *types.Map, *types.Chan, *types.Signature:
		f.callRuntime("escgo_printpointer", "ptr "+value)
	case *types.Slice:
		parts := f.extractAll(llvmType, value, 3)
		f.callRuntime("escgo_printslice", "ptr "+parts[0], "i64 "+parts[1], "i64 "+parts[2])
	case *types.Interface:
		parts := f.extractAll(llvmType, value, 2)
		f.callRuntime("escgo_printiface", "ptr "+parts[0], "ptr "+parts[1])
	default:
		f.unsupported("printing a %s", t)
	}
}

// extractAll splits an aggregate value into its first n fields (registers).
func (f *functionLowering) extractAll(llvmType, value string, n int) []string {
	var parts []string
	for i := 0; i < n; i++ {
		part := f.temp()
		f.emit("%s = extractvalue %s %s, %d", part, llvmType, value, i)
		parts = append(parts, part)
	}
	return parts
}
