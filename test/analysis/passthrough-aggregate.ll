; Pass-through: insertvalue/extractvalue carry an address inside a first-class aggregate.
; %a travels in {ptr, i32} and is extracted and stored to a global; %b is inserted and the
; whole aggregate is returned. %c is in an aggregate whose only use is extracting the i32.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s
; Field-insensitive: extracting field 1 of an aggregate holding &c may still count as c;
; this test therefore does not assert on c, only on a and b.

source_filename = "passthrough-aggregate.c"
@g = global ptr null

define { ptr, i32 } @f() {
  %a = alloca i32
  %b = alloca i32
  %agg = insertvalue { ptr, i32 } undef, ptr %a, 0
  %out = extractvalue { ptr, i32 } %agg, 0
  store ptr %out, ptr @g
  %ret = insertvalue { ptr, i32 } undef, ptr %b, 0
  %ret2 = insertvalue { ptr, i32 } %ret, i32 1, 1
  ret { ptr, i32 } %ret2
}

; CHECK-DAG: f:     from aggregate %out (copy)
; CHECK-DAG: f:     from store to @g (stored-to-global)
; CHECK-DAG: f: moved to heap: %a
; CHECK-DAG: f:   flow: ~r0 = &%b:
; CHECK-DAG: f: moved to heap: %b
