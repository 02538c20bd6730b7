; Reason "inline-asm": inline assembly can do anything with an address it is given.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-inline-asm.c"

define void @f() {
  %x = alloca i32
  %y = alloca i32
  store i32 0, ptr %y
  call void asm sideeffect "", "r,~{memory}"(ptr %x)
  ret void
}

; CHECK:      f:   flow: {heap} = &%x:
; CHECK-NEXT: f:     from &%x (address-of)
; CHECK-NEXT: f:     from call to asm (inline-asm)
; CHECK-NEXT: f: moved to heap: %x
