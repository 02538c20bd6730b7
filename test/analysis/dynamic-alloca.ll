; Dynamic allocas (VLAs, alloca(n)) follow the same rules as fixed ones: a VLA whose address
; is stored in a global escapes; one whose elements are only written and read stays put;
; an alloca in a non-entry block (alloca() in a loop) escapes when returned.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "dynamic-alloca.c"
@g = global ptr null

define i32 @vla(i64 %n) {
  %escaping = alloca i32, i64 %n
  %local = alloca i32, i64 %n
  store ptr %escaping, ptr @g
  store i32 1, ptr %local
  %v = load i32, ptr %local
  ret i32 %v
}

define ptr @in_loop(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %buf = alloca i8, i64 %n
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 3
  br i1 %done, label %exit, label %loop
exit:
  ret ptr %buf
}

; CHECK-DAG: vla: moved to heap: %escaping
; CHECK-DAG: in_loop:   flow: ~r0 = &%buf:
; CHECK-DAG: in_loop: moved to heap: %buf
