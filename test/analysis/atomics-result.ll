; The result of an atomic exchange is the old contents of the memory: swapping &x into a
; local slot and then publishing what comes out of the slot (old value or, on the next
; exchange, &x itself) must move x.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "atomics-result.c"
@g = global ptr null

define void @f() {
  %x = alloca i32
  %slot = alloca ptr
  store ptr null, ptr %slot
  %old0 = atomicrmw xchg ptr %slot, ptr %x seq_cst
  %old1 = atomicrmw xchg ptr %slot, ptr null seq_cst
  store ptr %old1, ptr @g
  ret void
}

; CHECK: f: moved to heap: %x
