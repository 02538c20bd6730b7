; Reason "stored-through-pointer": `*p = &x` where p was loaded from memory the analysis
; cannot see (a global, a call result) may write anywhere, so x escapes (Go does the same).
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-stored-through-pointer.c"
@slot = global ptr null
declare ptr @malloc(i64)

define void @through_global() {
  %x = alloca i32
  %p = load ptr, ptr @slot
  store ptr %x, ptr %p
  ret void
}

define void @through_malloc() {
  %y = alloca i32
  %m = call ptr @malloc(i64 8)
  store ptr %y, ptr %m
  ret void
}

; CHECK-DAG: through_global:     from store to %p (stored-through-pointer)
; CHECK-DAG: through_global: moved to heap: %x
; CHECK-DAG: through_malloc:     from store to %m (stored-through-pointer)
; CHECK-DAG: through_malloc: moved to heap: %y
