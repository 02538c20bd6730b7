; REQUIRES: llvm22
; Non-escape rule on LLVM 22: `captures(none)` on the call site's argument alone (the
; declaration has none) is enough to keep x on the stack; the same callee without the
; call-site attribute makes y escape. See callsite-nocapture-llvm19.ll.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "callsite-captures-none-llvm22.c"
declare void @use(ptr)

define void @f() {
  %x = alloca i32
  %y = alloca i32
  call void @use(ptr captures(none) %x)
  call void @use(ptr %y)
  ret void
}

; CHECK-NOT: moved to heap: %x
; CHECK: f: moved to heap: %y
