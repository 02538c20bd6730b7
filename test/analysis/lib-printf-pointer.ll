; Library model: the printf family's %p arguments escape (captured-by-library): the text, read
; back with sscanf("%p"), is the same pointer (C11), out of the collector's sight: each is pinned,
; whether the text goes into memory (sprintf) or to a stream (printf, fprintf).
; Arguments are matched to conversions in order, by position (`%2$p`) and past `*` widths; %s
; and %d arguments stay. A format that is not a constant string is not read.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
; RUN: %opt %loadplugin -passes=escape-promote -S %s | FileCheck %s --check-prefix=PINNED
; RUN: %opt %loadplugin -passes=escape-promote -S %s | %opt -passes=verify -disable-output

source_filename = "lib-printf-pointer.c"
@in_order = private constant [9 x i8] c"%s %d %p\00"
@by_position = private constant [10 x i8] c"%2$p %1$s\00"
@starred = private constant [9 x i8] c"%*.*d %p\00"
@percent = private constant [6 x i8] c"%%p%s\00"
declare i32 @printf(ptr, ...)
declare i32 @sprintf(ptr, ptr, ...)
declare i32 @__fprintf_chk(ptr, i32, ptr, ...)

define void @print(ptr %stream, ptr %format) {
  %text = alloca [64 x i8]
  %shown = alloca i32
  %named = alloca i32
  %after_stars = alloca i32
  %read = alloca [8 x i8]
  %literal = alloca [8 x i8]
  %unknown_format = alloca i32
  %a = call i32 (ptr, ...) @printf(ptr @in_order, ptr %read, i32 1, ptr %shown)
  %b = call i32 (ptr, ptr, ...) @sprintf(ptr %text, ptr @by_position, ptr %read, ptr %named)
  %c = call i32 (ptr, i32, ptr, ...) @__fprintf_chk(ptr %stream, i32 1, ptr @starred, i32 4, i32 2, i32 3, ptr %after_stars)
  %d = call i32 (ptr, ...) @printf(ptr @percent, ptr %literal)
  %e = call i32 (ptr, ...) @printf(ptr %format, ptr %unknown_format)
  ret void
}

; CHECK-DAG: print: moved to heap: %shown
; CHECK-DAG: print:   flow: {heap} = &%shown:
; CHECK-DAG: print:     from call to @printf (captured-by-library)
; CHECK-DAG: print: moved to heap: %named
; CHECK-DAG: print: moved to heap: %after_stars
; PINNED-LABEL: define void @print(
; PINNED-DAG: %shown.heap = call ptr @esc_alloc_pinned(
; PINNED-DAG: %named.heap = call ptr @esc_alloc_pinned(
; PINNED-DAG: %after_stars.heap = call ptr @esc_alloc_pinned(
