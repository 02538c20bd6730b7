; Pointers carried in integers: ptrtoint, add, inttoptr, then a store to a global is an
; escape (the integer is followed). Storing the integer itself in an i64 global escapes
; too. An address turned into an integer only to be compared (alignment check) does not.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "pointer-in-integer.c"
@g = global ptr null
@gi = global i64 0

define i1 @f() {
  %a = alloca [4 x i32]
  %b = alloca i32
  %c = alloca i32
  %ia = ptrtoint ptr %a to i64
  %moved = add i64 %ia, 4
  %pa = inttoptr i64 %moved to ptr
  store ptr %pa, ptr @g
  %ib = ptrtoint ptr %b to i64
  %tagged = or i64 %ib, 1
  store i64 %tagged, ptr @gi
  %ic = ptrtoint ptr %c to i64
  %zero = icmp eq i64 %ic, 0
  ret i1 %zero
}

; CHECK-NOT: moved to heap: %c
; CHECK-DAG: f:     from ptrtoint %ia (copy)
; CHECK-DAG: f:     from inttoptr %pa (copy)
; CHECK-DAG: f: moved to heap: %a
; CHECK-DAG: f: moved to heap: %b
