// types.go — Go types as LLVM types (x86-64, gc's layout).
//
//	bool → i1, intN/uintN → iN (int, uint, uintptr → i64), float32/64 → float/double
//	string → { ptr, i64 }            slice → { ptr, i64, i64 }      interface → { ptr, ptr }
//	pointer, map, chan, func, unsafe.Pointer → ptr   (a func value points at its closure context)
//	struct → literal struct, array → [N x T], several results → literal struct
//
// Invariant: the LLVM type's size and alignment equal gc's for the same Go type, so sizes
// handed to the runtime (types.Sizes) agree with the IR's layout.
package main

import (
	"fmt"
	"go/types"
	"math"
	"strings"
)

const (
	stringType = "{ ptr, i64 }"
	sliceType  = "{ ptr, i64, i64 }"
	ifaceType  = "{ ptr, ptr }"
)

func (m *module) typ(t types.Type) string {
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return basicType(t)
	case *types.Pointer, *types.Map, *types.Chan, *types.Signature:
		return "ptr"
	case *types.Slice:
		return sliceType
	case *types.Interface:
		return ifaceType
	case *types.Array:
		return fmt.Sprintf("[%d x %s]", t.Len(), m.typ(t.Elem()))
	case *types.Struct:
		fields := make([]string, t.NumFields())
		for i := range fields {
			fields[i] = m.typ(t.Field(i).Type())
		}
		return literalStruct(fields)
	case *types.Tuple:
		switch t.Len() {
		case 0:
			return "void"
		case 1:
			return m.typ(t.At(0).Type())
		}
		fields := make([]string, t.Len())
		for i := range fields {
			fields[i] = m.typ(t.At(i).Type())
		}
		return literalStruct(fields)
	}
	panic(fmt.Sprintf("escc-go: no LLVM type for %s", t))
}

func literalStruct(fields []string) string {
	if len(fields) == 0 {
		return "{}"
	}
	return "{ " + strings.Join(fields, ", ") + " }"
}

func basicType(t *types.Basic) string {
	switch t.Kind() {
	case types.Bool, types.UntypedBool:
		return "i1"
	case types.Int8, types.Uint8:
		return "i8"
	case types.Int16, types.Uint16:
		return "i16"
	case types.Int32, types.Uint32, types.UntypedRune:
		return "i32"
	case types.Int, types.Int64, types.Uint, types.Uint64, types.Uintptr, types.UntypedInt:
		return "i64"
	case types.Float32:
		return "float"
	case types.Float64, types.UntypedFloat:
		return "double"
	case types.String, types.UntypedString:
		return stringType
	case types.UnsafePointer, types.UntypedNil:
		return "ptr"
	case types.Invalid: // an unused key or value of go/ssa's range Next
		return "{}"
	}
	return "{ double, double }" // complex: rejected where used (expr.go)
}

// zeroValue is the LLVM constant for the zero value of an LLVM type.
func zeroValue(llvmType string) string {
	switch {
	case llvmType == "ptr":
		return "null"
	case llvmType == "float" || llvmType == "double":
		return "0.0"
	case strings.HasPrefix(llvmType, "i"):
		return "0"
	}
	return "zeroinitializer"
}

func (m *module) sizeof(t types.Type) int64 { return m.sizes.Sizeof(t) }

func (m *module) alignof(t types.Type) int64 {
	if a := m.sizes.Alignof(t); a > 0 {
		return a
	}
	return 1
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func isBasic(t types.Type, info types.BasicInfo) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&info != 0
}

func isString(t types.Type) bool   { return isBasic(t, types.IsString) }
func isUnsigned(t types.Type) bool { return isBasic(t, types.IsUnsigned) }
func isFloat(t types.Type) bool    { return isBasic(t, types.IsFloat) }
func isComplex(t types.Type) bool  { return isBasic(t, types.IsComplex) }
func isInteger(t types.Type) bool  { return isBasic(t, types.IsInteger) }
func isBool(t types.Type) bool     { return isBasic(t, types.IsBoolean) }

func isInterface(t types.Type) bool {
	_, ok := t.Underlying().(*types.Interface)
	return ok
}

// pointerShaped: values that are one pointer, stored in an interface's data word directly.
func pointerShaped(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Chan, *types.Signature:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	}
	return false
}

// directInterface is gc's isdirectiface: a pointer-shaped type, or a struct of one field or
// an array of one element whose type is direct, is held in an interface's data word itself
// (no box). path lists the aggregate indices down to that pointer (empty when pointer-shaped).
func directInterface(t types.Type) (path []int, ok bool) {
	if pointerShaped(t) {
		return nil, true
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		if u.NumFields() == 1 {
			if inner, ok := directInterface(u.Field(0).Type()); ok {
				return append([]int{0}, inner...), true
			}
		}
	case *types.Array:
		if u.Len() == 1 {
			if inner, ok := directInterface(u.Elem()); ok {
				return append([]int{0}, inner...), true
			}
		}
	}
	return nil, false
}

// indices writes an aggregate path as extractvalue/insertvalue indices.
func indices(path []int) string {
	var parts []string
	for _, i := range path {
		parts = append(parts, fmt.Sprint(i))
	}
	return strings.Join(parts, ", ")
}

// hasPointers: whether values of t can hold an address (the escc-leak tags matter for them).
func hasPointers(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String || u.Kind() == types.UnsafePointer || u.Kind() == types.UntypedNil
	case *types.Array:
		return u.Len() > 0 && hasPointers(u.Elem())
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if hasPointers(u.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if hasPointers(u.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return true
}

// floatConstant writes a float as LLVM's exact hexadecimal double form.
func floatConstant(value float64, llvmType string) string {
	if llvmType == "float" {
		value = float64(float32(value))
	}
	return fmt.Sprintf("0x%016X", math.Float64bits(value))
}
