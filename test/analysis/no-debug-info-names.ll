; Without debug info a place is "<module>:<function>:" (the module's source_filename) and
; a variable is named by its IR name, or "%N" for an unnamed value as the IR printer
; numbers it (here %0 is the unnamed parameter, %1 the entry block, %2 and %3 allocas).
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "plain.c"
@g = global ptr null

define void @named() {
  %counter = alloca i32
  store ptr %counter, ptr @g
  ret void
}

define void @unnamed(ptr %0) {
  %2 = alloca i32
  %3 = alloca i32
  store ptr %2, ptr @g
  store ptr %3, ptr %0
  ret void
}

; CHECK-DAG: plain.c:named: moved to heap: %counter
; CHECK-DAG: plain.c:unnamed: moved to heap: %2
; CHECK-DAG: plain.c:unnamed: moved to heap: %3
; CHECK-DAG: plain.c:unnamed: %0 does not escape
