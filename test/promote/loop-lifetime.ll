; A variable declared in a loop body whose address is kept: every llvm.lifetime.start (one per
; iteration) becomes a fresh esc_alloc stored in the box, and the markers go. Every use comes
; after the lifetime.start, so no object is allocated at function entry.
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

@kept = global [4 x ptr] zeroinitializer

define void @keep_each() {
entry:
  %x = alloca i32, align 4
  br label %loop

loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  call void @llvm.lifetime.start.p0(i64 4, ptr %x)
  %value = trunc i64 %i to i32
  store i32 %value, ptr %x, align 4
  %slot = getelementptr [4 x ptr], ptr @kept, i64 0, i64 %i
  store ptr %x, ptr %slot, align 8
  call void @llvm.lifetime.end.p0(i64 4, ptr %x)
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 4
  br i1 %done, label %exit, label %loop

exit:
  ret void
}

declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)

; CHECK-LABEL: define void @keep_each()
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %x.box = alloca ptr, align 8
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64
; CHECK-NEXT:    %x.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
; CHECK-NEXT:    store ptr %x.heap, ptr %x.box, align 8
; CHECK-NOT:     call void @llvm.lifetime
; CHECK:         [[X:%x[0-9]*]] = load ptr, ptr %x.box, align 8
; CHECK-NEXT:    store i32 %value, ptr [[X]], align 4
; CHECK-NOT:     call void @llvm.lifetime
; CHECK:         [[KEPT:%x[0-9]*]] = load ptr, ptr %x.box, align 8
; CHECK-NEXT:    store ptr [[KEPT]], ptr %slot, align 8
; CHECK-NOT:     call void @llvm.lifetime
; CHECK:         ret void
