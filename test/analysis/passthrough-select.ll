; Pass-through: a select yields either operand (its i1 condition carries nothing, even if
; computed from another local's address). Both arms escape through the returned select.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "passthrough-select.c"

define ptr @pick(i1 %c) {
  %a = alloca i32
  %b = alloca i32
  %cond_source = alloca i32
  %cmp = icmp eq ptr %cond_source, null
  %either = or i1 %c, %cmp
  %p = select i1 %either, ptr %a, ptr %b
  ret ptr %p
}

; CHECK-NOT: moved to heap: %cond_source
; CHECK-DAG: pick:     from select %p (copy)
; CHECK-DAG: pick: moved to heap: %a
; CHECK-DAG: pick: moved to heap: %b
