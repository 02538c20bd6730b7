; Library model bsearch (declared, no body): the library calls the comparator (argument 4)
; with the key and pointers into the array. With a comparator that only reads, neither key
; nor array is kept. The result points into the array: returning it moves %table.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "lib-bsearch.c"
declare ptr @bsearch(ptr, ptr, i64, i64, ptr)

define i32 @compare(ptr %a, ptr %b) {
  %x = load i32, ptr %a
  %y = load i32, ptr %b
  %d = sub i32 %x, %y
  ret i32 %d
}

define ptr @lookup() {
  %table = alloca [4 x i32]
  %key = alloca i32
  %hit = call ptr @bsearch(ptr %key, ptr %table, i64 4, i64 4, ptr @compare)
  ret ptr %hit
}

define i32 @contains() {
  %values = alloca [4 x i32]
  %k = alloca i32
  %hit = call ptr @bsearch(ptr %k, ptr %values, i64 4, i64 4, ptr @compare)
  %found = icmp ne ptr %hit, null
  %r = zext i1 %found to i32
  ret i32 %r
}

; CHECK-NOT: moved to heap: %key
; CHECK-NOT: moved to heap: %values
; CHECK-DAG: compare: %a does not escape
; CHECK-DAG: lookup:     from result of call to @bsearch (call parameter)
; CHECK-DAG: lookup: moved to heap: %table
