; A weak (or linkonce, non-ODR) definition may be replaced at link time by another body, so
; its summary cannot be trusted: x passed to the weak hook escapes (unknown-callee), while
; the same body with normal linkage (strong_hook) keeps y on the stack.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "weak-callee.c"

define weak void @weak_hook(ptr %p) {
  ret void
}

define linkonce void @linkonce_hook(ptr %p) {
  ret void
}

define void @strong_hook(ptr %p) {
  ret void
}

define void @caller() {
  %x = alloca i32
  %y = alloca i32
  %z = alloca i32
  call void @weak_hook(ptr %x)
  call void @strong_hook(ptr %y)
  call void @linkonce_hook(ptr %z)
  ret void
}

; CHECK-NOT: moved to heap: %y
; CHECK-DAG: caller:     from call to @weak_hook (unknown-callee)
; CHECK-DAG: caller: moved to heap: %x
; CHECK-DAG: caller: moved to heap: %z
