; Reason "unknown-callee": a declared function with no library model and no capture
; attribute may keep its pointer argument anywhere.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-unknown-callee.c"
declare void @mystery(ptr)

define void @f() {
  %x = alloca i32
  call void @mystery(ptr %x)
  ret void
}

; CHECK:      f:   flow: {heap} = &%x:
; CHECK-NEXT: f:     from &%x (address-of)
; CHECK-NEXT: f:     from call to @mystery (unknown-callee)
; CHECK-NEXT: f: moved to heap: %x
