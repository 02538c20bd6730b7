; escape-promote<audit>: the promoted object comes from esc_audit_alloc with its site in the
; module's table, the promoting function opens a frame at entry and leaves it before every
; return, main registers the table, and a pinned object is not audited (nor listed).
; RUN: %opt %loadplugin -passes='escape-promote<audit>' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote<audit>' -S %s | %opt -passes=verify -disable-output
; RUN: not %opt %loadplugin -passes='escape-promote<audit;runtime=boehm>' -S %s 2>&1 | FileCheck %s --check-prefix=BOEHM
; BOEHM: escape-promote: error: audit needs runtime=escrt

source_filename = "audit.c"

; CHECK: @esc.audit.table = internal global { ptr, i64, i64, [1 x %esc.audit.site] } { ptr null, i64 0, i64 1, [1 x %esc.audit.site] [%esc.audit.site { ptr @{{.*}}, ptr null, ptr @{{.*}}, ptr @{{.*}}, i32 0, i32 0, i64 0, i64 0, i64 0, i64 0 }] }, align 8

define ptr @getNum(i1 %early) {
  %number = alloca i32, align 4
  store i32 7, ptr %number, align 4
  br i1 %early, label %first, label %second
first:
  ret ptr %number
second:
  ret ptr null
}

; CHECK-LABEL: define ptr @getNum(i1 %early)
; CHECK:         %audit.frame = call i64 @esc_audit_frame_enter(ptr @esc.audit.table)
; CHECK-NEXT:    %number.heap = call ptr @esc_audit_alloc(i64 4, i64 4, ptr getelementptr inbounds ({ ptr, i64, i64, [1 x %esc.audit.site] }, ptr @esc.audit.table, i32 0, i32 3, i64 0))
; CHECK:       first:
; CHECK:         call void @esc_audit_frame_leave(i64 %audit.frame)
; CHECK-NEXT:    ret ptr
; CHECK:       second:
; CHECK-NEXT:    call void @esc_audit_frame_leave(i64 %audit.frame)
; CHECK-NEXT:    ret ptr null

; Its address is also hidden in an integer that is returned: pinned, allocated as without audit.
define i64 @hidden() {
  %h = alloca i32, align 4
  %bits = ptrtoint ptr %h to i64
  ret i64 %bits
}

; CHECK-LABEL: define i64 @hidden()
; CHECK-NOT:     esc_audit
; CHECK:         call ptr @esc_alloc_pinned(i64 4, i64 4)
; CHECK-NOT:     esc_audit
; CHECK:         ret i64

define i32 @main() {
  %p = call ptr @getNum(i1 true)
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

; CHECK-LABEL: define i32 @main()
; CHECK-NEXT:    call void @esc_audit_register(ptr @esc.audit.table)
; CHECK-NEXT:    %p = call ptr @getNum(i1 true)
