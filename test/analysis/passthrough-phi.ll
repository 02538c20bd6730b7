; Pass-through: a phi may be any of its incoming values. Both locals that flow into the
; phi escape when the phi is stored in a global; a local on a path that never reaches the
; phi stays on the stack.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "passthrough-phi.c"
@g = global ptr null

define void @f(i1 %c) {
entry:
  %a = alloca i32
  %b = alloca i32
  %other = alloca i32
  store i32 0, ptr %other
  br i1 %c, label %left, label %right
left:
  br label %join
right:
  br label %join
join:
  %p = phi ptr [ %a, %left ], [ %b, %right ]
  store ptr %p, ptr @g
  ret void
}

; CHECK-DAG: f:     from phi %p (copy)
; CHECK-DAG: f: moved to heap: %a
; CHECK-DAG: f: moved to heap: %b
