; Go-style parameter tags, one function per tag:
;   leaking param: p                      p itself reaches the heap
;   leaking param content: p              only what p points to reaches the heap
;   leaking param: p to result ~r0 level=0   p is returned
;   leaking param: p to result ~r0 level=1   *p is returned
;   p does not escape                     neither
; Only pointer-carrying parameters are reported (the i32 %n is not).
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s

source_filename = "param-tags.c"
@g = global ptr null

define void @to_heap(ptr %p) {
  store ptr %p, ptr @g
  ret void
}

define void @content_to_heap(ptr %p) {
  %inner = load ptr, ptr %p
  store ptr %inner, ptr @g
  ret void
}

define ptr @to_result(ptr %p) {
  ret ptr %p
}

define ptr @content_to_result(ptr %p) {
  %inner = load ptr, ptr %p
  ret ptr %inner
}

define i32 @nowhere(ptr %p, i32 %n) {
  %v = load i32, ptr %p
  %r = add i32 %v, %n
  ret i32 %r
}

; CHECK-DAG: param-tags.c:to_heap: leaking param: %p{{$}}
; CHECK-DAG: param-tags.c:content_to_heap: leaking param content: %p{{$}}
; CHECK-DAG: param-tags.c:to_result: leaking param: %p to result ~r0 level=0{{$}}
; CHECK-DAG: param-tags.c:content_to_result: leaking param: %p to result ~r0 level=1{{$}}
; CHECK-DAG: param-tags.c:nowhere: %p does not escape{{$}}
; CHECK-NOT: %n
; CHECK-NOT: to_heap: leaking param content
; CHECK-NOT: content_to_heap: leaking param: %p{{$}}
