; NaN-boxing style: an address bitcast to a double travels through memory as a double (a
; double has room for a 64-bit address) and is turned back into a pointer that is stored
; in a global. x must move. (Only floating-point types narrower than an address can be
; assumed to be pure data.)
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "pointer-in-double.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
@g = global ptr null

define void @box() {
  %x = alloca i32
  %boxed = alloca double
  %bits = ptrtoint ptr %x to i64
  %d = bitcast i64 %bits to double
  store double %d, ptr %boxed
  %e = load double, ptr %boxed
  %back = bitcast double %e to i64
  %p = inttoptr i64 %back to ptr
  store ptr %p, ptr @g
  ret void
}

; CHECK: box: moved to heap: %x
