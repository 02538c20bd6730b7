; Non-escape rule: string and memory functions that only read their arguments (strlen,
; strcmp, memcmp, strncmp, strspn, atoi) keep nothing.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "noescape-string-functions.c"
@g = global ptr null
declare i64 @strlen(ptr)
declare i32 @strcmp(ptr, ptr)
declare i32 @strncmp(ptr, ptr, i64)
declare i32 @memcmp(ptr, ptr, i64)
declare i64 @strspn(ptr, ptr)
declare i32 @atoi(ptr)

define i64 @measure() {
  %a = alloca [16 x i8]
  %b = alloca [16 x i8]
  %c = alloca i32
  %l = call i64 @strlen(ptr %a)
  %x = call i32 @strcmp(ptr %a, ptr %b)
  %y = call i32 @strncmp(ptr %a, ptr %b, i64 4)
  %z = call i32 @memcmp(ptr %a, ptr %b, i64 4)
  %s = call i64 @strspn(ptr %a, ptr %b)
  %i = call i32 @atoi(ptr %b)
  store ptr %c, ptr @g
  ret i64 %l
}

; CHECK-NOT: moved to heap: %a
; CHECK-NOT: moved to heap: %b
; CHECK: measure: moved to heap: %c
