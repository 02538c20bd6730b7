; A pointer stored to memory as an i64 and loaded back as an i64 is still an address:
; `intptr_t slot = (intptr_t)&x; g = (int *)slot;` moves x. An i32 slot cannot hold an
; address on a 64-bit target, so y (truncated) is treated as data (documented assumption).
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "pointer-in-integer-memory.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
@g = global ptr null

define void @f() {
  %x = alloca i32
  %slot = alloca i64
  %i = ptrtoint ptr %x to i64
  store i64 %i, ptr %slot
  %back = load i64, ptr %slot
  %p = inttoptr i64 %back to ptr
  store ptr %p, ptr @g
  ret void
}

; CHECK-DAG: f:     from load from %slot (dereference)
; CHECK-DAG: f: moved to heap: %x
