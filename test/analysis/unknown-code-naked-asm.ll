; A `naked` function, and one whose body is inline asm only (besides spilling its parameters),
; reads its parameters in ways the IR does not show (the registers they arrive in). Such a
; function is unknown code: every parameter leaks (to the heap and the result) and is
; disguised, so a caller's variable passed to it moves to the heap, pinned. A function with
; asm *and* other code keeps the ordinary rules: its unused parameter does not escape.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
; RUN: %opt %loadplugin -passes=escape-promote -S %s | FileCheck %s --check-prefix=PINNED

source_filename = "unknown-code-naked-asm.c"
@counter = global i32 0

define void @naked_stash(ptr %p) naked noinline {
  call void asm sideeffect "movq %rdi, stash_slot(%rip)\0A\09ret", ""()
  unreachable
}

define void @asm_only(ptr %p) noinline {
  %p.addr = alloca ptr
  store ptr %p, ptr %p.addr
  call void asm sideeffect "movq %rdi, stash_slot(%rip)", "~{memory}"()
  ret void
}

define void @asm_and_code(ptr %p) noinline {
  call void asm sideeffect "nop", ""()
  %n = load i32, ptr @counter
  %m = add i32 %n, 1
  store i32 %m, ptr @counter
  ret void
}

define void @callers() {
  %x = alloca i32
  %y = alloca i32
  %z = alloca i32
  call void @naked_stash(ptr %x)
  call void @asm_only(ptr %y)
  call void @asm_and_code(ptr %z)
  ret void
}

; CHECK-DAG: naked_stash: leaking param: %p
; CHECK-DAG: asm_only: leaking param: %p
; CHECK-DAG: asm_and_code: %p does not escape
; CHECK-DAG: callers: moved to heap: %x
; CHECK-DAG: callers: moved to heap: %y
; PINNED-COUNT-2: call ptr @esc_alloc_pinned(
