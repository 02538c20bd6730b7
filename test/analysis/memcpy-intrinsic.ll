; memcpy/memmove(d, s) means *d = *s. A local struct holding &x copied into a global: x
; escapes (and the struct %holder itself does not). Copied into another local that does not
; escape: y stays. memmove into caller memory (a parameter): z escapes.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "memcpy-intrinsic.c"
@gs = global { ptr, i32 } zeroinitializer
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define void @to_global() {
  %x = alloca i32
  %holder = alloca { ptr, i32 }
  store ptr %x, ptr %holder
  call void @llvm.memcpy.p0.p0.i64(ptr @gs, ptr %holder, i64 16, i1 false)
  ret void
}

define i32 @to_local() {
  %y = alloca i32
  %h1 = alloca { ptr, i32 }
  %h2 = alloca { ptr, i32 }
  store ptr %y, ptr %h1
  call void @llvm.memcpy.p0.p0.i64(ptr %h2, ptr %h1, i64 16, i1 false)
  %p = load ptr, ptr %h2
  %v = load i32, ptr %p
  ret i32 %v
}

define void @to_param(ptr %out) {
  %z = alloca i32
  %h = alloca { ptr, i32 }
  store ptr %z, ptr %h
  call void @llvm.memmove.p0.p0.i64(ptr %out, ptr %h, i64 16, i1 false)
  ret void
}

; CHECK-NOT: moved to heap: %holder
; CHECK-NOT: moved to heap: %y
; CHECK-NOT: moved to heap: %h1
; CHECK-DAG: to_global:     from memory copy by @llvm.memcpy.p0.p0.i64 (copy)
; CHECK-DAG: to_global:     from call to @llvm.memcpy.p0.p0.i64 (stored-to-global)
; CHECK-DAG: to_global: moved to heap: %x
; CHECK-DAG: to_param:     from call to @llvm.memmove.p0.p0.i64 (stored-to-parameter)
; CHECK-DAG: to_param: moved to heap: %z
; CHECK-DAG: to_param: %out does not escape
