; Reason "indirect-call": a call through a function pointer may reach any function, so
; everything passed to it escapes. The function pointer parameter itself does not escape.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-indirect-call.c"

define void @apply(ptr %fn) {
  %x = alloca i32
  call void %fn(ptr %x)
  ret void
}

; CHECK-DAG: apply:     from call to %fn (indirect-call)
; CHECK-DAG: apply: moved to heap: %x
; CHECK-DAG: apply: %fn does not escape
