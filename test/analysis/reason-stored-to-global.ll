; Reason "stored-to-global": `g = &x` makes x reachable after the function returns.
; y is stored into (data) and read, never has its address stored: it stays on the stack.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-stored-to-global.c"
@g = global ptr null

define i32 @publish() {
  %x = alloca i32
  %y = alloca i32
  store i32 1, ptr %y
  store ptr %x, ptr @g
  %v = load i32, ptr %y
  ret i32 %v
}

; CHECK:      publish:   flow: {heap} = &%x:
; CHECK-NEXT: publish:     from &%x (address-of)
; CHECK-NEXT: publish:     from store to @g (stored-to-global)
; CHECK-NEXT: publish: moved to heap: %x
