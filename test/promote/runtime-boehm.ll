; runtime=boehm: objects come from Boehm's GC_malloc (zeroed); alignment above 16 from
; GC_memalign followed by a memset; hidden addresses from GC_malloc_uncollectable. GC_init runs
; from a priority-0 constructor added to llvm.global_ctors next to the existing ones.
; RUN: %opt %loadplugin -passes='escape-promote<runtime=boehm>' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote<runtime=boehm>' -S %s | %opt -passes=verify -disable-output

@kept = global ptr null
@hidden = global i64 0
@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @setup, ptr null }]

; CHECK:      @llvm.global_ctors = appending global [2 x { i32, ptr, ptr }]
; CHECK-SAME:   [{ i32, ptr, ptr } { i32 65535, ptr @setup, ptr null }, { i32, ptr, ptr } { i32 0, ptr @esc.boehm_init, ptr null }]

define void @setup() {
  ret void
}

define ptr @small() {
  %x = alloca i32, align 4
  ret ptr %x
}

; CHECK-LABEL: define ptr @small()
; CHECK-NEXT:    %x.box = alloca ptr, align 8
; CHECK-NEXT:    %x.heap = call ptr @GC_malloc(i64 4)
; CHECK-NEXT:    store ptr %x.heap, ptr %x.box, align 8

define void @aligned() {
  %vector = alloca <8 x float>, align 32
  store ptr %vector, ptr @kept, align 8
  ret void
}

; CHECK-LABEL: define void @aligned()
; CHECK:         %vector.heap = call ptr @GC_memalign(i64 32, i64 32)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 32 %vector.heap, i8 0, i64 32, i1 false)
; CHECK-NEXT:    store ptr %vector.heap, ptr %vector.box, align 8

define void @hide() {
  %secret = alloca i64, align 8
  %bits = ptrtoint ptr %secret to i64
  store i64 %bits, ptr @hidden, align 8
  ret void
}

; CHECK-LABEL: define void @hide()
; CHECK:         %secret.heap = call ptr @GC_malloc_uncollectable(i64 8)

; CHECK-LABEL: define internal void @esc.boehm_init()
; CHECK-NEXT:    call void @GC_init()
; CHECK-NEXT:    ret void
