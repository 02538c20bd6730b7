; Reason "stored-to-parameter": a pointer parameter points to the caller's memory, so
; `*out = &x` hands x to the caller (an out-parameter). The same through a GEP of the
; parameter (a field of a caller struct). The parameter itself does not escape.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-stored-to-parameter.c"

define void @get(ptr %out) {
  %x = alloca i32
  store ptr %x, ptr %out
  ret void
}

define void @fill(ptr %s) {
  %y = alloca i32
  %field = getelementptr inbounds { i32, ptr }, ptr %s, i64 0, i32 1
  store ptr %y, ptr %field
  ret void
}

; CHECK-DAG: get:     from store to %out (stored-to-parameter)
; CHECK-DAG: get: moved to heap: %x
; CHECK-DAG: fill:     from store to %s (stored-to-parameter)
; CHECK-DAG: fill: moved to heap: %y
; CHECK-DAG: get: %out does not escape
; CHECK-DAG: fill: %s does not escape
