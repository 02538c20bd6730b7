; Non-escape rule: loading *from* a local reads its contents, not its address. Storing the
; loaded data (an i32, a double) into a global does not move x or d. %c is the control.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "noescape-load.c"
@gi = global i32 0
@gd = global double 0.0
@g = global ptr null

define void @f() {
  %x = alloca i32
  %d = alloca double
  %c = alloca i32
  store i32 5, ptr %x
  store double 1.0, ptr %d
  %v = load i32, ptr %x
  %w = load double, ptr %d
  store i32 %v, ptr @gi
  store double %w, ptr @gd
  store ptr %c, ptr @g
  ret void
}

; CHECK-NOT: moved to heap: %x
; CHECK-NOT: moved to heap: %d
; CHECK: f: moved to heap: %c
