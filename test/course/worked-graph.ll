; The worked example of docs/course.md ("The location graph"): deref weights cancel along a path.
; x's address is stored in slot and slot is loaded and returned: &x (-1), store (0), load (+1)
; ... the walk from ~r0 reaches x with derefs -1, so x escapes. y's address goes into box, but
; what is returned is *(*box) = the pointer *stored in* y: y is reached with derefs 0 (its
; contents leave, not its address), so y stays on the stack; slot and box are reached with
; derefs 0 as well.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "graph.c"

define ptr @walk() {
  %x = alloca i32
  %y = alloca ptr
  %slot = alloca ptr
  %box = alloca ptr
  store ptr %x, ptr %slot
  store ptr %y, ptr %box
  %inner = load ptr, ptr %box
  %contents = load ptr, ptr %inner
  %c = icmp eq ptr %contents, null
  %v = load ptr, ptr %slot
  %r = select i1 %c, ptr %v, ptr %contents
  ret ptr %r
}

; CHECK:      graph.c:walk: %x escapes to heap:
; CHECK-NEXT: graph.c:walk:   flow: %slot = &%x:
; CHECK-NEXT: graph.c:walk:     from &%x (address-of)
; CHECK-NEXT: graph.c:walk:     from store into %slot (assign)
; CHECK-NEXT: graph.c:walk:   flow: ~r0 = %slot:
; CHECK-NEXT: graph.c:walk:     from &%slot (address-of)
; CHECK-NEXT: graph.c:walk:     from load from %slot (dereference)
; CHECK-NEXT: graph.c:walk:     from select %r (copy)
; CHECK-NEXT: graph.c:walk:     from return (return)
; CHECK-NEXT: graph.c:walk: moved to heap: %x
