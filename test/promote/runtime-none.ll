; runtime=none: no collector and no library beyond libc: objects are never freed, from
; calloc(1, size), or for alignment above 16 from aligned_alloc (size rounded up to the
; alignment) followed by a memset.
; RUN: %opt %loadplugin -passes='escape-promote<runtime=none>' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote<runtime=none>' -S %s | %opt -passes=verify -disable-output

@kept = global ptr null

define ptr @small() {
  %x = alloca i32, align 4
  ret ptr %x
}

; CHECK-LABEL: define ptr @small()
; CHECK-NEXT:    %x.box = alloca ptr, align 8
; CHECK-NEXT:    %x.heap = call ptr @calloc(i64 1, i64 4)
; CHECK-NEXT:    store ptr %x.heap, ptr %x.box, align 8

define void @aligned() {
  %block = alloca [40 x i8], align 64
  store ptr %block, ptr @kept, align 8
  ret void
}

; CHECK-LABEL: define void @aligned()
; CHECK:         %block.heap = call ptr @aligned_alloc(i64 64, i64 64)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 64 %block.heap, i8 0, i64 40, i1 false)

; CHECK-NOT: esc_alloc
; CHECK-NOT: GC_
