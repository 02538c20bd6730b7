; Non-escape rule: comparing an address (icmp) yields an i1 and moves no address anywhere,
; even when the i1 is then stored in a global. The control local %c does escape, so an empty
; report would fail the test.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "noescape-icmp.c"
@flag = global i1 false
@g = global ptr null

define void @f(ptr %other) {
  %x = alloca i32
  %c = alloca i32
  %same = icmp eq ptr %x, %other
  %null = icmp ne ptr %x, null
  %both = and i1 %same, %null
  store i1 %both, ptr @flag
  store ptr %c, ptr @g
  ret void
}

; CHECK-NOT: moved to heap: %x
; CHECK-DAG: f: moved to heap: %c
; CHECK-DAG: f: %other does not escape
