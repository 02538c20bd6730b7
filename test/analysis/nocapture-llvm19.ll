; REQUIRES: llvm19
; Non-escape rule on LLVM 19: a declared callee whose parameter is `nocapture` does not keep
; the pointer, so x stays on the stack; without the attribute (y) it escapes as
; unknown-callee. nocapture only covers the pointer itself: what it points to (the address
; stored in %holder) still leaks, so z escapes. LLVM 22 spells this captures(none): see
; captures-none-llvm22.ll.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "nocapture-llvm19.c"
declare void @use(ptr nocapture)
declare void @keep(ptr)

define void @f() {
  %x = alloca i32
  %y = alloca i32
  %z = alloca i32
  %holder = alloca ptr
  call void @use(ptr %x)
  call void @keep(ptr %y)
  store ptr %z, ptr %holder
  call void @use(ptr %holder)
  ret void
}

; CHECK-NOT: moved to heap: %x
; CHECK-NOT: moved to heap: %holder
; CHECK-DAG: f:     from call to @keep (unknown-callee)
; CHECK-DAG: f: moved to heap: %y
; CHECK-DAG: f: moved to heap: %z
