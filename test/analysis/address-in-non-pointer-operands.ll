; A value derived from an address keeps its flow whatever its type or width, unless a rule
; proves otherwise:
;  - an intrinsic that may write memory (no memory(...) attribute saying otherwise) may store
;    any argument, so the <16 x i8> built from &masked escapes; llvm.ctpop writes nothing and
;    only returns its argument, so &counted stays (its result is dropped);
;  - an i48 load can hold a whole x86-64 address (&wide escapes); an i32 load is data, the
;    documented pointer-halves assumption (&narrow stays);
;  - a GEP whose index carries an address may point into another variable: the store through
;    it may write `other`, so what it stores (&target) escapes with other's contents.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "address-in-non-pointer-operands.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
@g = global ptr null
@slot = global [2 x i64] zeroinitializer

define void @intrinsics() {
  %masked = alloca i32
  %counted = alloca i32
  %m = ptrtoint ptr %masked to i64
  %vector = insertelement <2 x i64> zeroinitializer, i64 %m, i64 0
  %bytes = bitcast <2 x i64> %vector to <16 x i8>
  call void @llvm.x86.sse2.maskmov.dqu(<16 x i8> %bytes, <16 x i8> zeroinitializer, ptr @slot)
  %c = ptrtoint ptr %counted to i64
  %bits = call i64 @llvm.ctpop.i64(i64 %c)
  ret void
}

define void @widths() {
  %wide = alloca i32
  %narrow = alloca i32
  %wide.slot = alloca i48
  %narrow.slot = alloca i64
  %w = ptrtoint ptr %wide to i48
  store i48 %w, ptr %wide.slot
  %w.back = load i48, ptr %wide.slot
  %w.pointer = inttoptr i48 %w.back to ptr
  store ptr %w.pointer, ptr @g
  %n = ptrtoint ptr %narrow to i64
  store i64 %n, ptr %narrow.slot
  %n.back = load i32, ptr %narrow.slot
  %n.pointer = inttoptr i32 %n.back to ptr
  store ptr %n.pointer, ptr @g
  ret void
}

define void @gep_index() {
  %target = alloca i32
  %other = alloca ptr
  %buf = alloca [2 x ptr]
  %o = ptrtoint ptr %other to i64
  %b = ptrtoint ptr %buf to i64
  %distance = sub i64 %o, %b
  %p = getelementptr i8, ptr %buf, i64 %distance
  store ptr %target, ptr %p
  %kept = load ptr, ptr %other
  store ptr %kept, ptr @g
  ret void
}

declare void @llvm.x86.sse2.maskmov.dqu(<16 x i8>, <16 x i8>, ptr)
declare i64 @llvm.ctpop.i64(i64)

; CHECK-DAG: intrinsics: moved to heap: %masked
; CHECK-DAG: widths: moved to heap: %wide
; CHECK-DAG: gep_index: moved to heap: %target
