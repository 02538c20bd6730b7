; Non-escape rule: memset only writes bytes into a local; neither the llvm.memset intrinsic
; nor a call to libc's memset (modelled: result aliases the first argument, nothing kept)
; moves the address. %c (returned memset result) shows the result alias is tracked.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "noescape-memset.c"
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare ptr @memset(ptr, i32, i64)

define void @clear() {
  %buf = alloca [16 x i8]
  %obj = alloca [16 x i8]
  call void @llvm.memset.p0.i64(ptr %buf, i8 0, i64 16, i1 false)
  %r = call ptr @memset(ptr %obj, i32 0, i64 16)
  ret void
}

define ptr @clear_and_return() {
  %c = alloca [16 x i8]
  %r = call ptr @memset(ptr %c, i32 0, i64 16)
  ret ptr %r
}

; CHECK-NOT: moved to heap: %buf
; CHECK-NOT: moved to heap: %obj
; CHECK: clear_and_return: moved to heap: %c
