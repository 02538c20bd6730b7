; Atomics write memory too: `atomicrmw xchg ptr @g, ptr %x` and `cmpxchg ptr @g, null, %y`
; store the address in a global. An atomic add on a local counter moves nothing.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "atomics.c"
@g = global ptr null
@h = global ptr null

define void @f() {
  %x = alloca i32
  %y = alloca i32
  %counter = alloca i64
  %old = atomicrmw xchg ptr @g, ptr %x seq_cst
  %res = cmpxchg ptr @h, ptr null, ptr %y seq_cst seq_cst
  %n = atomicrmw add ptr %counter, i64 1 monotonic
  ret void
}

; CHECK-NOT: moved to heap: %counter
; CHECK-DAG: f:     from store to @g (stored-to-global)
; CHECK-DAG: f: moved to heap: %x
; CHECK-DAG: f:     from store to @h (stored-to-global)
; CHECK-DAG: f: moved to heap: %y
