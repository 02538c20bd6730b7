; Grown by the fuzzer on LLVM 19 (docs/reliability.md, "torture #2"): a function with a `label`
; parameter, which the verifier accepts. The analysis gives such a parameter no location and
; then read its leaks at location -1 (ASan: heap-buffer-overflow in solve_function). It must
; simply leak nothing, and the returned local still moves to the heap. LLVM 22's parser rejects
; label parameters ("invalid type for function argument"), so the case exists only on 19.
; REQUIRES: llvm19
; RUN: %escc report -m=2 %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s --check-prefix=PROMOTE
; CHECK: moved to heap: %x
; CHECK-NOT: leaking param
; PROMOTE: call ptr @esc_alloc_atomic(
define ptr @small(label %unused) {
  %x = alloca i32, align 4
  ret ptr %x
}

define ptr @caller(label %unused) {
  %p = call ptr @small(label %unused)
  ret ptr %p
}
