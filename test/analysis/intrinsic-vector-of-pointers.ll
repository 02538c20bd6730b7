; An intrinsic the analysis does not know that stores a *vector* of pointers:
; llvm.masked.store writes <2 x ptr> (holding &x) into a global, and llvm.masked.scatter
; writes &y through a vector of addresses. Unknown intrinsics must be treated like unknown
; functions for every argument that can carry an address, not only for `ptr` ones.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "intrinsic-vector-of-pointers.c"
@gv = global <2 x ptr> zeroinitializer
@slots = global [2 x ptr] zeroinitializer
declare void @llvm.masked.store.v2p0.p0(<2 x ptr>, ptr, i32, <2 x i1>)
declare void @llvm.masked.scatter.v2p0.v2p0(<2 x ptr>, <2 x ptr>, i32, <2 x i1>)

define void @masked() {
  %x = alloca i32
  %v0 = insertelement <2 x ptr> zeroinitializer, ptr %x, i64 0
  call void @llvm.masked.store.v2p0.p0(<2 x ptr> %v0, ptr @gv, i32 8, <2 x i1> <i1 true, i1 true>)
  ret void
}

define void @scatter() {
  %y = alloca i32
  %vals = insertelement <2 x ptr> zeroinitializer, ptr %y, i64 0
  %where = insertelement <2 x ptr> zeroinitializer, ptr @slots, i64 0
  call void @llvm.masked.scatter.v2p0.v2p0(<2 x ptr> %vals, <2 x ptr> %where, i32 8, <2 x i1> <i1 true, i1 false>)
  ret void
}

; CHECK-DAG: masked: moved to heap: %x
; CHECK-DAG: scatter: moved to heap: %y
