; Reason "variadic-argument": the extra arguments of a variadic callee escape, both for an
; unmodelled declared function and for a defined one (its summary only covers fixed
; parameters). printf's varargs do not (see lib-printf-family.ll).
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-variadic-argument.c"
declare void @log_values(i32, ...)

define void @defined_variadic(i32 %n, ...) {
  ret void
}

define void @to_declared() {
  %x = alloca i32
  call void (i32, ...) @log_values(i32 1, ptr %x)
  ret void
}

define void @to_defined() {
  %y = alloca i32
  call void (i32, ...) @defined_variadic(i32 1, ptr %y)
  ret void
}

; CHECK-DAG: to_declared:     from call to @log_values (variadic-argument)
; CHECK-DAG: to_declared: moved to heap: %x
; CHECK-DAG: to_defined:     from call to @defined_variadic (variadic-argument)
; CHECK-DAG: to_defined: moved to heap: %y
