; -m=2 flow chain through a local pointer variable: `slot = &x; g = slot` prints two groups,
; Go style: "flow: %slot = &%x:" then "flow: {heap} = %slot:". The slot itself does not
; escape: only its contents do.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "flow-through-variable.c"
@g = global ptr null

define void @f() {
  %x = alloca i32
  %slot = alloca ptr
  store ptr %x, ptr %slot
  %p = load ptr, ptr %slot
  store ptr %p, ptr @g
  ret void
}

; CHECK:      f: %x escapes to heap:
; CHECK-NEXT: f:   flow: %slot = &%x:
; CHECK-NEXT: f:     from &%x (address-of)
; CHECK-NEXT: f:     from store into %slot (assign)
; CHECK-NEXT: f:   flow: {heap} = %slot:
; CHECK:      f:     from load from %slot (dereference)
; CHECK-NEXT: f:     from store to @g (stored-to-global)
; CHECK-NEXT: f: moved to heap: %x
