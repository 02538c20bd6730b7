; Library models atexit/on_exit/signal: they keep a function pointer (and on_exit its
; argument) to call later. A local's address handed over as the kept argument escapes
; (captured-by-library). signal's signal number argument is plain data.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "lib-atexit-signal.c"
declare i32 @atexit(ptr)
declare i32 @on_exit(ptr, ptr)
declare ptr @signal(i32, ptr)

define void @handler(i32 %sig) {
  ret void
}

define void @at_exit_with_local() {
  %state = alloca i32
  %thunk = alloca [16 x i8]
  %r = call i32 @on_exit(ptr @handler, ptr %state)
  %s = call i32 @atexit(ptr %thunk)
  ret void
}

define void @signal_with_local() {
  %trampoline = alloca [16 x i8]
  %old = call ptr @signal(i32 2, ptr %trampoline)
  ret void
}

; CHECK-DAG: at_exit_with_local:     from call to @on_exit (captured-by-library)
; CHECK-DAG: at_exit_with_local: moved to heap: %state
; CHECK-DAG: at_exit_with_local:     from call to @atexit (captured-by-library)
; CHECK-DAG: at_exit_with_local: moved to heap: %thunk
; CHECK-DAG: signal_with_local:     from call to @signal (captured-by-library)
; CHECK-DAG: signal_with_local: moved to heap: %trampoline
