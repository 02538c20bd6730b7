; Pass-through: freeze returns its operand (or a fixed arbitrary value): the address flows on.
; Stores *through* a frozen local pointer still write the local (x stays on the stack when
; only data is stored through it).
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "passthrough-freeze.c"
@g = global ptr null

define void @f() {
  %a = alloca i32
  %x = alloca i32
  %fa = freeze ptr %a
  store ptr %fa, ptr @g
  %fx = freeze ptr %x
  store i32 1, ptr %fx
  ret void
}

; CHECK-NOT: moved to heap: %x
; CHECK-DAG: f:     from conversion %fa (copy)
; CHECK-DAG: f: moved to heap: %a
