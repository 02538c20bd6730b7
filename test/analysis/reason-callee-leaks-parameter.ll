; Reason "callee-leaks-parameter": a defined callee's summary says its parameter reaches the
; heap (leaking param: p), so the caller's argument escapes. A callee that only reads its
; parameter (p does not escape) leaves the caller's local on the stack.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-callee-leaks-parameter.c"
@g = global ptr null

define void @leak(ptr %p) {
  store ptr %p, ptr @g
  ret void
}

define i32 @read(ptr %q) {
  %v = load i32, ptr %q
  ret i32 %v
}

define i32 @caller() {
  %leaked = alloca i32
  %kept = alloca i32
  call void @leak(ptr %leaked)
  %v = call i32 @read(ptr %kept)
  ret i32 %v
}

; CHECK-DAG: leak: leaking param: %p
; CHECK-DAG: read: %q does not escape
; CHECK-DAG: caller:     from call to @leak (callee-leaks-parameter)
; CHECK-DAG: caller: moved to heap: %leaked
