; Dynamic allocas (a C VLA, alloca(n), any alloca outside the entry block) are replaced where
; they execute by an allocation of count * element size (from the DataLayout): each execution
; gets its own object. Their lifetime markers go.
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

target datalayout = "e-m:e-i64:64-f80:128-n8:16:32:64-S128"

@kept = global ptr null

; int v[n]; kept = v;
define void @vla(i32 %n) {
entry:
  %count = zext i32 %n to i64
  %v = alloca i32, i64 %count, align 16
  store ptr %v, ptr @kept, align 8
  ret void
}

; CHECK-LABEL: define void @vla(i32 %n)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %count = zext i32 %n to i64
; CHECK-NEXT:    [[SIZE:%[0-9]+]] = mul i64 %count, 4
; CHECK-NEXT:    %v.heap = call ptr @esc_alloc(i64 [[SIZE]], i64 16)
; CHECK-NEXT:    store ptr %v.heap, ptr @kept, align 8
; CHECK-NEXT:    ret void

; char *buffer = alloca(n) inside a loop, with an i32 count and a struct element.
%pair = type { i64, i8 }
define void @in_loop(i32 %n) {
entry:
  br label %loop

loop:
  %i = phi i32 [ 0, %entry ], [ %next, %loop ]
  %buffer = alloca %pair, i32 %n, align 8
  call void @llvm.lifetime.start.p0(i64 -1, ptr %buffer)
  store ptr %buffer, ptr @kept, align 8
  call void @llvm.lifetime.end.p0(i64 -1, ptr %buffer)
  %next = add i32 %i, 1
  %done = icmp eq i32 %next, 3
  br i1 %done, label %exit, label %loop

exit:
  ret void
}

declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)

; CHECK-LABEL: define void @in_loop(i32 %n)
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i32
; CHECK-NEXT:    [[COUNT:%[0-9]+]] = zext i32 %n to i64
; CHECK-NEXT:    [[SIZE:%[0-9]+]] = mul i64 [[COUNT]], 16
; CHECK-NEXT:    %buffer.heap = call ptr @esc_alloc(i64 [[SIZE]], i64 8)
; CHECK-NEXT:    store ptr %buffer.heap, ptr @kept, align 8
; CHECK-NEXT:    %next = add i32 %i, 1
