; A local that escapes through the result becomes a heap root itself: what is stored in it
; reaches the heap. `int **f(int *p) { int *local = p; return &local; }` moves local and
; makes p leak to the heap (leaking param: p), so a caller passing &x moves x.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "returned-local-holds-param.c"

define ptr @f(ptr %p) {
  %local = alloca ptr
  store ptr %p, ptr %local
  ret ptr %local
}

define ptr @caller() {
  %x = alloca i32
  %r = call ptr @f(ptr %x)
  ret ptr null
}

; CHECK-DAG: f: moved to heap: %local
; CHECK-DAG: f: leaking param: %p{{$}}
; CHECK-DAG: caller: moved to heap: %x
