; Without debug info a promoted variable's type is unknown and may hold an address: esc_alloc.
; Only an object smaller than a pointer is pointer-free whatever it holds (the collector reads
; whole aligned words, and the rest of the word stays zero): esc_alloc_atomic.
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

declare void @keep(ptr)

define void @unknown_types() {
  %wide = alloca i64, align 8
  %pair = alloca [2 x double], align 8
  %narrow = alloca i32, align 4
  %bytes = alloca [3 x i8], align 1
  call void @keep(ptr %wide)
  call void @keep(ptr %pair)
  call void @keep(ptr %narrow)
  call void @keep(ptr %bytes)
  ret void
}

; CHECK-LABEL: define void @unknown_types()
; CHECK-DAG:     %wide.heap = call ptr @esc_alloc(i64 8, i64 8)
; CHECK-DAG:     %pair.heap = call ptr @esc_alloc(i64 16, i64 8)
; CHECK-DAG:     %narrow.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
; CHECK-DAG:     %bytes.heap = call ptr @esc_alloc_atomic(i64 3, i64 1)
