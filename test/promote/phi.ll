; A phi that merges escaping allocas reads each box at the end of its incoming block; a block
; that reaches the phi along two edges gets one load used by both (a phi needs one value per
; predecessor block).
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

define ptr @choose(i1 %first, i32 %which) {
entry:
  %a = alloca i32, align 4
  %b = alloca i64, align 8
  br i1 %first, label %left, label %right

left:
  switch i32 %which, label %join [ i32 1, label %join
                                   i32 2, label %join ]

right:
  br label %join

join:
  %chosen = phi ptr [ %a, %left ], [ %a, %left ], [ %a, %left ], [ %b, %right ]
  ret ptr %chosen
}

; CHECK-LABEL: define ptr @choose(
; CHECK:       left:
; CHECK-NEXT:    [[A:%a[0-9]*]] = load ptr, ptr %a.box, align 8
; CHECK-NEXT:    switch i32 %which
; CHECK:       right:
; CHECK-NEXT:    [[B:%b[0-9]*]] = load ptr, ptr %b.box, align 8
; CHECK-NEXT:    br label %join
; CHECK:       join:
; CHECK-NEXT:    %chosen = phi ptr [ [[A]], %left ], [ [[A]], %left ], [ [[A]], %left ], [ [[B]], %right ]
