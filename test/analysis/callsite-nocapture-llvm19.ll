; REQUIRES: llvm19
; Non-escape rule on LLVM 19: `nocapture` on the call site's argument alone (the
; declaration has none) is enough to keep x on the stack; the same callee without the
; call-site attribute makes y escape. See callsite-captures-none-llvm22.ll.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "callsite-nocapture-llvm19.c"
declare void @use(ptr)

define void @f() {
  %x = alloca i32
  %y = alloca i32
  call void @use(ptr nocapture %x)
  call void @use(ptr %y)
  ret void
}

; CHECK-NOT: moved to heap: %x
; CHECK: f: moved to heap: %y
