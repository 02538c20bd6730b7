// runtime.go — the C functions of runtime/go/ (libescgo.a) the lowered code calls, with the
// "escc-leak" tag of every pointer parameter: how the parameter's value reaches the heap or the
// result, as gc's escape analysis treats the same operation (docs/go.md lists them).
//
// Invariant: this table is the only place a runtime function's signature is written on the Go
// side; runtime/go/escgo.h is its C twin. Booleans cross the boundary as i64 (no C ABI
// question about i1).
package main

import (
	"fmt"
	"strings"
)

type runtimeParam struct {
	typ string
	tag string // "escc-leak" value for pointer parameters
}

type runtimeFunction struct {
	result   string
	params   []runtimeParam
	noreturn bool
}

var (
	i64  = runtimeParam{"i64", ""}
	f64  = runtimeParam{"double", ""}
	none = runtimeParam{"ptr", "none"}
)

var runtimeFunctions = map[string]runtimeFunction{
	// print.c: println/print write to standard error, as gc's runtime does.
	"escgo_printlock":    {"void", nil, false},
	"escgo_printunlock":  {"void", nil, false},
	"escgo_printbool":    {"void", []runtimeParam{i64}, false},
	"escgo_printint":     {"void", []runtimeParam{i64}, false},
	"escgo_printuint":    {"void", []runtimeParam{i64}, false},
	"escgo_printfloat":   {"void", []runtimeParam{f64}, false},
	"escgo_printstring":  {"void", []runtimeParam{none, i64}, false},
	"escgo_printpointer": {"void", []runtimeParam{none}, false},
	"escgo_printslice":   {"void", []runtimeParam{none, i64, i64}, false},
	"escgo_printiface":   {"void", []runtimeParam{none, none}, false},
	"escgo_printsp":      {"void", nil, false},
	"escgo_printnl":      {"void", nil, false},
	// panic.c: run-time errors end the program with exit status 2, as gc's do. The value of
	// panic(v) escapes (gc: "panic" argument flows to the heap).
	"escgo_panic":         {"void", []runtimeParam{none, {"ptr", "heap=0"}}, true},
	"escgo_panic_index":   {"void", []runtimeParam{i64, i64}, true},
	"escgo_panic_divide":  {"void", nil, true},
	"escgo_panic_convert": {"void", []runtimeParam{i64, i64}, true},
	"escgo_panic_assert":  {"void", []runtimeParam{none, none}, true},
	"escgo_check_slice":   {"void", []runtimeParam{i64, i64, i64, i64}, false},
	// string.c: results use the caller's 32-byte buffer when they fit (gc's tmpBuf), else
	// esc_alloc; the buffer flows to the result, the bytes read hold no addresses.
	"escgo_string_concat":     {"ptr", []runtimeParam{{"ptr", "result0=0"}, none, i64, none, i64}, false},
	"escgo_string_compare":    {"i64", []runtimeParam{none, i64, none, i64}, false},
	"escgo_string_from_bytes": {"ptr", []runtimeParam{{"ptr", "result0=0"}, none, i64}, false},
	"escgo_bytes_from_string": {"ptr", []runtimeParam{{"ptr", "result0=0"}, none, i64}, false},
	"escgo_encode_rune":       {"i64", []runtimeParam{none, i64}, false},
	"escgo_string_next":       {"i64", []runtimeParam{none, i64, i64, none}, false},
	"escgo_rune_count":        {"i64", []runtimeParam{none, i64}, false},
	"escgo_runes_from_string": {"ptr", []runtimeParam{{"ptr", "result0=0"}, none, i64, i64}, false},
	"escgo_runes_byte_length": {"i64", []runtimeParam{none, i64}, false},
	"escgo_string_from_runes": {"ptr", []runtimeParam{{"ptr", "result0=0"}, none, i64, i64}, false},
	// slice.c: append may return its base (result) or a new heap array holding the base's and
	// the appended elements (heap=1 for both, gc's "appendee slice"/"appended to slice");
	// copy's source elements flow to the heap (gc's "copied slice").
	// The _pointers variants (the same C code) are called for element types that hold
	// addresses; for the others nothing reaches the heap through the elements.
	"escgo_append":          {"ptr", []runtimeParam{{"ptr", "result0=0"}, i64, i64, none, i64, i64, none}, false},
	"escgo_append_pointers": {"ptr", []runtimeParam{{"ptr", "result0=0,heap=1"}, i64, i64, {"ptr", "heap=1"}, i64, i64, none}, false},
	"escgo_copy":            {"i64", []runtimeParam{none, i64, none, i64, i64}, false},
	"escgo_copy_pointers":   {"i64", []runtimeParam{none, i64, {"ptr", "heap=1"}, i64, i64}, false},
	// iface.c: method lookup and dynamic type tests read only type descriptors.
	"escgo_iface_method":     {"ptr", []runtimeParam{none, none}, false},
	"escgo_iface_implements": {"i64", []runtimeParam{none, none}, false},
	"escgo_iface_equal":      {"i64", []runtimeParam{none, none, none, none}, false},
	// map.c: the header is the caller's object (make's allocation site); buckets come from
	// esc_alloc, so keys and values stored in a map reach the heap (heap=1).
	"escgo_map_init":      {"void", []runtimeParam{none, i64, i64, i64}, false},
	"escgo_map_len":       {"i64", []runtimeParam{none}, false},
	"escgo_map_lookup":    {"i64", []runtimeParam{none, none, none}, false},
	"escgo_map_assign":    {"void", []runtimeParam{none, {"ptr", "heap=1"}, {"ptr", "heap=1"}}, false},
	"escgo_map_delete":    {"void", []runtimeParam{none, none}, false},
	"escgo_map_iter_init": {"void", []runtimeParam{none, none}, false},
	"escgo_map_next":      {"i64", []runtimeParam{none, none, none}, false},
	// chan.c: channels live on the heap (gc allocates them there too); a sent value reaches
	// the heap.
	"escgo_chan_make":  {"ptr", []runtimeParam{i64, i64}, false},
	"escgo_chan_send":  {"void", []runtimeParam{none, {"ptr", "heap=1"}}, false},
	"escgo_chan_recv":  {"i64", []runtimeParam{none, none}, false},
	"escgo_chan_close": {"void", []runtimeParam{none}, false},
	"escgo_chan_len":   {"i64", []runtimeParam{none}, false},
	"escgo_chan_cap":   {"i64", []runtimeParam{none}, false},
	// defer.c: a deferred call's operands are copied to a heap record (heap=1).
	"escgo_defer_push": {"void", []runtimeParam{none, none, {"ptr", "heap=1"}, i64}, false},
	"escgo_defer_run":  {"void", []runtimeParam{none}, false},
	// goroutine.c: the arguments of a go statement are copied to the heap (gc: they escape).
	"escgo_go": {"void", []runtimeParam{none, {"ptr", "heap=1"}, i64}, false},
}

// callRuntime calls a runtime/go function with typed operands; returns the result register
// ("" for void).
func (f *functionLowering) callRuntime(name string, args ...string) string {
	rf, ok := runtimeFunctions[name]
	if !ok {
		panic("escc-go: unknown runtime function " + name)
	}
	var params []string
	for _, p := range rf.params {
		if p.tag != "" {
			params = append(params, fmt.Sprintf("%s \"escc-leak\"=\"%s\"", p.typ, p.tag))
		} else {
			params = append(params, p.typ)
		}
	}
	attributes := ""
	if rf.noreturn {
		attributes = " noreturn"
	}
	f.m.declare(name, fmt.Sprintf("declare %s @%s(%s)%s", rf.result, name, strings.Join(params, ", "), attributes))
	if rf.result == "void" {
		f.emit("call void @%s(%s)", name, strings.Join(args, ", "))
		return ""
	}
	result := f.temp()
	f.emit("%s = call %s @%s(%s)", result, rf.result, name, strings.Join(args, ", "))
	return result
}
