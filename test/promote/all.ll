; `all` promotes every address-taken alloca, escaping or not (a stress mode for the runtime and
; for measuring what the analysis saves); without it a non-escaping one stays.
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s --check-prefix=DEFAULT
; RUN: %opt %loadplugin -passes='escape-promote<promote-all>' -S %s | FileCheck %s --check-prefix=ALL
; RUN: %opt %loadplugin -passes='escape-promote<promote-all>' -S %s | %opt -passes=verify -disable-output

declare void @use(ptr nocapture)

define void @borrow() {
  %local = alloca i32, align 4
  call void @use(ptr %local)
  ret void
}

; DEFAULT-LABEL: define void @borrow()
; DEFAULT-NEXT:    %local = alloca i32, align 4
; DEFAULT-NEXT:    call void @use(ptr %local)

; ALL-LABEL: define void @borrow()
; ALL-NEXT:    %local.box = alloca ptr, align 8
; ALL-NEXT:    %local.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
; ALL-NEXT:    store ptr %local.heap, ptr %local.box, align 8
; ALL-NEXT:    [[LOCAL:%local[0-9]*]] = load ptr, ptr %local.box, align 8
; ALL-NEXT:    call void @use(ptr [[LOCAL]])
