; The address of a local is returned: the local becomes a zeroed object from esc_alloc, its slot
; a box holding the object's address, every use a load of the box.
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

define ptr @getNum() {
  %number = alloca i32, align 4
  store i32 7, ptr %number, align 4
  ret ptr %number
}

; CHECK-LABEL: define ptr @getNum()
; CHECK-NEXT:    %number.box = alloca ptr, align 8
; CHECK-NEXT:    %number.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
; CHECK-NEXT:    store ptr %number.heap, ptr %number.box, align 8
; CHECK-NEXT:    [[ADDRESS:%number[0-9]*]] = load ptr, ptr %number.box, align 8
; CHECK-NEXT:    store i32 7, ptr [[ADDRESS]], align 4
; CHECK-NEXT:    [[RESULT:%number[0-9]*]] = load ptr, ptr %number.box, align 8
; CHECK-NEXT:    ret ptr [[RESULT]]
; CHECK-NEXT:  }

; A local whose address is only loaded from and stored to stays on the stack.
define i32 @local() {
  %counter = alloca i32, align 4
  store i32 1, ptr %counter, align 4
  %value = load i32, ptr %counter, align 4
  ret i32 %value
}

; CHECK-LABEL: define i32 @local()
; CHECK-NEXT:    %counter = alloca i32, align 4
; CHECK-NOT:     esc_alloc
; CHECK:         ret i32

; CHECK: declare ptr @esc_alloc_atomic(i64, i64)
