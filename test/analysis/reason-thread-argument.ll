; Reason "thread-argument": pthread_create hands its argument to another thread, which may
; use it after the creating function returned. pthread_join's out-parameter is not kept.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-thread-argument.c"
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
declare i32 @pthread_join(i64, ptr)

define ptr @worker(ptr %arg) {
  ret ptr null
}

define void @start() {
  %tid = alloca i64
  %shared = alloca i32
  %result = alloca ptr
  %c = call i32 @pthread_create(ptr %tid, ptr null, ptr @worker, ptr %shared)
  %t = load i64, ptr %tid
  %j = call i32 @pthread_join(i64 %t, ptr %result)
  ret void
}

; CHECK-DAG: start:     from call to @pthread_create (thread-argument)
; CHECK-DAG: start: moved to heap: %shared
; CHECK-DAG: worker: %arg does not escape
