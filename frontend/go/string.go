// string.go — strings: concatenation, comparison, and conversions to and from []byte, []rune
// and runes (runtime/go/string.c). Like gc, each operation that makes a new string gets a 32-byte
// stack buffer (an allocation site named as gc names it: `s + "x"`, `string(b)`,
// `([]byte)(s)`; 32 runes for `([]rune)(s)`); the runtime uses it when the result fits and esc_alloc's heap otherwise, and
// escc's analysis moves the buffer to the heap when the result escapes.
//
// Invariant: Go strings are immutable: no lowered code writes through a string's pointer.
package main

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

const tmpBufSize = 32

func (f *functionLowering) tmpBuf(v ssa.Value, elem types.Type, size int64) string {
	name, pos := f.valueSite(v, nil, "string")
	buffer := f.register("buf")
	f.stackObject(buffer, types.NewArray(elem, size), name, pos, true, 0)
	return buffer
}

// isRunes: a slice of int32 ([]rune).
func isRunes(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	return ok && isBasic(s.Elem(), types.IsInteger) && basicType(s.Elem().Underlying().(*types.Basic)) == "i32"
}

func (f *functionLowering) stringBinOp(instr *ssa.BinOp) {
	x, xLength := f.sliceParts(instr.X)
	y, yLength := f.sliceParts(instr.Y)
	if instr.Op == token.ADD {
		buffer := f.tmpBuf(instr, types.Typ[types.Byte], tmpBufSize)
		pointer := f.callRuntime("escgo_string_concat", "ptr "+buffer, "ptr "+x, "i64 "+xLength, "ptr "+y, "i64 "+yLength)
		length := f.temp()
		f.emit("%s = add i64 %s, %s", length, xLength, yLength)
		f.buildAggregate(f.names[instr], stringType, []string{"ptr " + pointer, "i64 " + length})
		return
	}
	order := f.callRuntime("escgo_string_compare", "ptr "+x, "i64 "+xLength, "ptr "+y, "i64 "+yLength)
	predicate, ok := map[token.Token]string{token.EQL: "eq", token.NEQ: "ne", token.LSS: "slt", token.LEQ: "sle", token.GTR: "sgt", token.GEQ: "sge"}[instr.Op]
	if !ok {
		f.unsupported("operator %s on strings", instr.Op)
	}
	f.emit("%s = icmp %s i64 %s, 0", f.names[instr], predicate, order)
}

// toString: string(bytes) or string(rune).
func (f *functionLowering) toString(instr *ssa.Convert) {
	from := instr.X.Type()
	if isInteger(from) {
		buffer := f.tmpBuf(instr, types.Typ[types.Byte], 4)
		length := f.callRuntime("escgo_encode_rune", "ptr "+buffer, "i64 "+f.resize(f.op(instr.X), from, f.m.typ(from), "i64"))
		f.buildAggregate(f.names[instr], stringType, []string{"ptr " + buffer, "i64 " + length})
		return
	}
	if isRunes(from) {
		runes, count := f.sliceParts(instr.X)
		length := f.callRuntime("escgo_runes_byte_length", "ptr "+runes, "i64 "+count)
		buffer := f.tmpBuf(instr, types.Typ[types.Byte], tmpBufSize)
		pointer := f.callRuntime("escgo_string_from_runes", "ptr "+buffer, "ptr "+runes, "i64 "+count, "i64 "+length)
		f.buildAggregate(f.names[instr], stringType, []string{"ptr " + pointer, "i64 " + length})
		return
	}
	if s, ok := from.Underlying().(*types.Slice); !ok || !isBasic(s.Elem(), types.IsInteger) || f.m.sizeof(s.Elem()) != 1 {
		f.unsupported("conversion from %s to string", from)
	}
	source, length := f.sliceParts(instr.X)
	buffer := f.tmpBuf(instr, types.Typ[types.Byte], tmpBufSize)
	pointer := f.callRuntime("escgo_string_from_bytes", "ptr "+buffer, "ptr "+source, "i64 "+length)
	f.buildAggregate(f.names[instr], stringType, []string{"ptr " + pointer, "i64 " + length})
}

// fromString: []byte(s) or []rune(s).
func (f *functionLowering) fromString(instr *ssa.Convert) {
	if isRunes(instr.Type()) {
		source, length := f.sliceParts(instr.X)
		count := f.callRuntime("escgo_rune_count", "ptr "+source, "i64 "+length)
		buffer := f.tmpBuf(instr, types.Typ[types.Int32], tmpBufSize)
		pointer := f.callRuntime("escgo_runes_from_string", "ptr "+buffer, "ptr "+source, "i64 "+length, "i64 "+count)
		f.buildAggregate(f.names[instr], sliceType, []string{"ptr " + pointer, "i64 " + count, "i64 " + count})
		return
	}
	if s, ok := instr.Type().Underlying().(*types.Slice); !ok || f.m.sizeof(s.Elem()) != 1 {
		f.unsupported("conversion from string to %s", instr.Type())
	}
	source, length := f.sliceParts(instr.X)
	buffer := f.tmpBuf(instr, types.Typ[types.Byte], tmpBufSize)
	pointer := f.callRuntime("escgo_bytes_from_string", "ptr "+buffer, "ptr "+source, "i64 "+length)
	f.buildAggregate(f.names[instr], sliceType, []string{"ptr " + pointer, "i64 " + length, "i64 " + length})
}
