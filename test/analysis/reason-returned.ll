; Reason "returned": a local whose address is the function's result outlives the frame
; (the seed's `int *getNum(void){int number=7; return &number;}`, without debug info).
; A second local that is only read stays on the stack.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-returned.c"

define ptr @getNum() {
  %number = alloca i32
  %scratch = alloca i32
  store i32 7, ptr %number
  store i32 1, ptr %scratch
  %v = load i32, ptr %scratch
  ret ptr %number
}

; CHECK:      reason-returned.c:getNum:   flow: ~r0 = &%number:
; CHECK-NEXT: reason-returned.c:getNum:     from &%number (address-of)
; CHECK-NEXT: reason-returned.c:getNum:     from return (return)
; CHECK-NEXT: reason-returned.c:getNum: moved to heap: %number
