; An address turned into an integer that is kept cannot be traced by the collector: the object
; is allocated pinned (never collected, scanned as a root).
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

@hidden = global i64 0

define void @hide() {
  %secret = alloca i64, align 8
  %bits = ptrtoint ptr %secret to i64
  %masked = xor i64 %bits, 12345
  store i64 %masked, ptr @hidden, align 8
  ret void
}

; CHECK-LABEL: define void @hide()
; CHECK-NEXT:    %secret.box = alloca ptr, align 8
; CHECK-NEXT:    %secret.heap = call ptr @esc_alloc_pinned(i64 8, i64 8)
; CHECK-NEXT:    store ptr %secret.heap, ptr %secret.box, align 8
; CHECK-NEXT:    [[SECRET:%secret[0-9]*]] = load ptr, ptr %secret.box, align 8
; CHECK-NEXT:    %bits = ptrtoint ptr [[SECRET]] to i64
; CHECK: declare ptr @esc_alloc_pinned(i64, i64)
