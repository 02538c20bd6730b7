; The integer of a ptrtoint is followed forward (pass/disguised_integers.c): the variable is
; pinned only when the integer may rebuild the address out of the collector's sight. Every %x
; escapes through @sink, so each is promoted; the check is which allocation it gets.
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

@sink = global ptr null
@word = global i64 0
@half = global i32 0
@table = global [64 x i32] zeroinitializer
@cursor = global ptr null
@pair = global <2 x ptr> zeroinitializer

declare i64 @llvm.umax.i64(i64, i64)

; A bucket index of an inbounds GEP into another object, modulo a size known only at run time.
; CHECK-LABEL: define void @bucket_of_runtime_size(
; CHECK: call ptr @esc_alloc(
define void @bucket_of_runtime_size(i64 %n) {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %h = lshr i64 %i, 4
  %b = urem i64 %h, %n
  %slot = getelementptr inbounds i32, ptr @table, i64 %b
  store i32 1, ptr %slot
  ret void
}

; The same index in a GEP without inbounds may point anywhere: it could be the address again.
; CHECK-LABEL: define void @index_not_inbounds(
; CHECK: call ptr @esc_alloc_pinned(
define void @index_not_inbounds(i64 %n) {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %k = xor i64 %i, 99
  %p = getelementptr i8, ptr @table, i64 %k
  store ptr %p, ptr @cursor, align 8
  ret void
}

; null + integer is an inttoptr.
; CHECK-LABEL: define void @index_of_null(
; CHECK: call ptr @esc_alloc_pinned(
define void @index_of_null() {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %k = xor i64 %i, 99
  %p = getelementptr inbounds i8, ptr null, i64 %k
  store ptr %p, ptr @cursor, align 8
  ret void
}

; An intrinsic that only computes passes the bits on; here they end in a comparison.
; CHECK-LABEL: define i1 @intrinsic_then_compare(
; CHECK: call ptr @esc_alloc(
define i1 @intrinsic_then_compare() {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %m = call i64 @llvm.umax.i64(i64 %i, i64 4096)
  %c = icmp ugt i64 %m, 65536
  ret i1 %c
}

; A switch on the address, through a phi.
; CHECK-LABEL: define void @switch_on_address(
; CHECK: call ptr @esc_alloc(
define void @switch_on_address(i1 %c) {
entry:
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  br i1 %c, label %odd, label %join
odd:
  %o = or i64 %i, 1
  br label %join
join:
  %v = phi i64 [ %i, %entry ], [ %o, %odd ]
  switch i64 %v, label %done [ i64 0, label %done ]
done:
  ret void
}

; The high half alone, the low half alone, the low bits alone: at most half an address (pointer
; halves are not supported), stored or not.
; CHECK-LABEL: define void @halves_stored(
; CHECK: call ptr @esc_alloc(
define void @halves_stored() {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %high = lshr i64 %i, 32
  store i64 %high, ptr @word, align 8
  %low = trunc i64 %i to i32
  store i32 %low, ptr @half
  %bits = and i64 %i, 4095
  store i64 %bits, ptr @word, align 8
  ret void
}

; Shifted by less, or masked to the high bits, it keeps more than half: pinned.
; CHECK-LABEL: define void @shifted_stored(
; CHECK: call ptr @esc_alloc_pinned(
define void @shifted_stored() {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %s = lshr i64 %i, 4
  store i64 %s, ptr @word, align 8
  ret void
}

; CHECK-LABEL: define void @high_bits_stored(
; CHECK: call ptr @esc_alloc_pinned(
define void @high_bits_stored() {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %m = and i64 %i, -4096
  store i64 %m, ptr @word, align 8
  ret void
}

; A tag set and cleared, then back to a pointer through a phi: inttoptr pins.
; CHECK-LABEL: define ptr @tagged_round_trip(
; CHECK: call ptr @esc_alloc_pinned(
define ptr @tagged_round_trip(i1 %c) {
entry:
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %t = or i64 %i, 1
  br i1 %c, label %clear, label %join
clear:
  %u = and i64 %t, -2
  br label %join
join:
  %v = phi i64 [ %t, %entry ], [ %u, %clear ]
  %p = inttoptr i64 %v to ptr
  ret ptr %p
}

; A tag stripped (`& ~7`) and straight back to a pointer: the integer is the address all along,
; pointing into the same object (gawk's persistent allocator reads its block headers so).
; CHECK-LABEL: define i64 @tag_stripped(
; CHECK: call ptr @esc_alloc(
define i64 @tag_stripped() {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %stripped = and i64 %i, -8
  %p = inttoptr i64 %stripped to ptr
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

; Clearing more than the 3 low bits may leave the object: pinned.
; CHECK-LABEL: define i64 @page_of(
; CHECK: call ptr @esc_alloc_pinned(
define i64 @page_of() {
  %x = alloca i64
  store ptr %x, ptr @sink, align 8
  %i = ptrtoint ptr %x to i64
  %page = and i64 %i, -4096
  %p = inttoptr i64 %page to ptr
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

; Vectors of addresses are walked the same way; the tag rule reads only scalars: pinned.
; CHECK-LABEL: define void @vector_round_trip(
; CHECK-DAG: %x.heap = call ptr @esc_alloc_pinned(
; CHECK-DAG: %y.heap = call ptr @esc_alloc_pinned(
define void @vector_round_trip() {
  %x = alloca i64
  %y = alloca i64
  %v0 = insertelement <2 x ptr> poison, ptr %x, i32 0
  %v1 = insertelement <2 x ptr> %v0, ptr %y, i32 1
  %i = ptrtoint <2 x ptr> %v1 to <2 x i64>
  %m = and <2 x i64> %i, <i64 -8, i64 -8>
  %p = inttoptr <2 x i64> %m to <2 x ptr>
  store <2 x ptr> %p, ptr @pair, align 16
  ret void
}
