; REQUIRES: llvm22
; LLVM 22's `captures(ret: address, provenance)`: the callee may only return the pointer.
; Then x escapes exactly when the result does: returned here (reason returned), while y,
; whose alias result is only compared, stays on the stack.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "captures-ret-llvm22.c"
declare ptr @pass(ptr captures(ret: address, provenance))

define ptr @f() {
  %x = alloca i32
  %y = alloca i32
  %r = call ptr @pass(ptr %x)
  %s = call ptr @pass(ptr %y)
  %same = icmp eq ptr %s, null
  ret ptr %r
}

; CHECK-NOT: moved to heap: %y
; CHECK-DAG: f:   flow: ~r0 = &%x:
; CHECK-DAG: f:     from result of call to @pass (call parameter)
; CHECK-DAG: f: moved to heap: %x
