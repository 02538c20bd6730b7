; Non-escape rule: the printf and scanf families read or write through their variadic
; pointer arguments but never keep them: `printf("%s %d", &x, *p)`, `scanf("%s %d", &n)`,
; snprintf into a local buffer, fprintf, sscanf. Compare reason-variadic-argument.ll, and
; lib-printf-pointer.ll for what %p prints.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "noescape-printf-scanf.c"
@fmt = private constant [6 x i8] c"%s %d\00"
@g = global ptr null
declare i32 @printf(ptr, ...)
declare i32 @fprintf(ptr, ptr, ...)
declare i32 @snprintf(ptr, i64, ptr, ...)
declare i32 @__isoc99_scanf(ptr, ...)
declare i32 @__isoc99_sscanf(ptr, ptr, ...)

define void @io(ptr %stream) {
  %x = alloca i32
  %n = alloca i32
  %m = alloca i32
  %line = alloca [32 x i8]
  %out = alloca [32 x i8]
  %c = alloca i32
  %v = load i32, ptr %x
  %a = call i32 (ptr, ...) @printf(ptr @fmt, ptr %x, i32 %v)
  %b = call i32 (ptr, ptr, ...) @fprintf(ptr %stream, ptr @fmt, ptr %x, i32 %v)
  %s = call i32 (ptr, i64, ptr, ...) @snprintf(ptr %out, i64 32, ptr @fmt, ptr %x, i32 %v)
  %r = call i32 (ptr, ...) @__isoc99_scanf(ptr @fmt, ptr %n)
  %t = call i32 (ptr, ptr, ...) @__isoc99_sscanf(ptr %line, ptr @fmt, ptr %m)
  store ptr %c, ptr @g
  ret void
}

; CHECK-NOT: moved to heap: %x
; CHECK-NOT: moved to heap: %n
; CHECK-NOT: moved to heap: %m
; CHECK-NOT: moved to heap: %line
; CHECK-NOT: moved to heap: %out
; CHECK-DAG: io: moved to heap: %c
; CHECK-DAG: io: %stream does not escape
