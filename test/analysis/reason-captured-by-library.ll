; Reason "captured-by-library": a modelled library function that keeps an argument after it
; returns: setvbuf's buffer belongs to the stream until fclose, strtok remembers its string.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-captured-by-library.c"
declare i32 @setvbuf(ptr, ptr, i32, i64)
declare ptr @strtok(ptr, ptr)

define void @buffered(ptr %stream) {
  %buf = alloca [64 x i8]
  %r = call i32 @setvbuf(ptr %stream, ptr %buf, i32 0, i64 64)
  ret void
}

define void @tokens() {
  %line = alloca [32 x i8]
  %sep = alloca [2 x i8]
  store i8 44, ptr %sep
  %t = call ptr @strtok(ptr %line, ptr %sep)
  ret void
}

; CHECK-DAG: buffered:     from call to @setvbuf (captured-by-library)
; CHECK-DAG: buffered: moved to heap: %buf
; CHECK-DAG: tokens:     from call to @strtok (captured-by-library)
; CHECK-DAG: tokens: moved to heap: %line
; CHECK-DAG: buffered: %stream does not escape
