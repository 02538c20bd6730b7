; A use that can run without the variable's lifetime.start before it (C's `goto` into a block,
; past the declaration) still finds an object: then the box is also filled at function entry.
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

define ptr @jump(i1 %skip) {
entry:
  %x = alloca i32, align 4
  br i1 %skip, label %inside, label %declare

declare:
  call void @llvm.lifetime.start.p0(i64 4, ptr %x)
  store i32 1, ptr %x, align 4
  br label %inside

inside:
  ret ptr %x
}

declare void @llvm.lifetime.start.p0(i64, ptr)

; CHECK-LABEL: define ptr @jump(i1 %skip)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %x.box = alloca ptr, align 8
; CHECK-NEXT:    %x.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
; CHECK-NEXT:    store ptr %x.heap, ptr %x.box, align 8
; CHECK:       declare:
; CHECK-NEXT:    [[FRESH:%x.heap[0-9]+]] = call ptr @esc_alloc_atomic(i64 4, i64 4)
; CHECK-NEXT:    store ptr [[FRESH]], ptr %x.box, align 8
; CHECK:       inside:
; CHECK-NEXT:    [[X:%x[0-9]*]] = load ptr, ptr %x.box, align 8
; CHECK-NEXT:    ret ptr [[X]]
