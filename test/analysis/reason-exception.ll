; Reason "exception": a value resumed (re-thrown) by `resume` may be caught anywhere up the
; stack; a local whose address travels in it escapes. The landingpad's own value and a
; local only used in the cleanup stay put.
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "reason-exception.c"
declare i32 @__gxx_personality_v0(...)
declare void @may_throw()

define void @rethrow() personality ptr @__gxx_personality_v0 {
entry:
  %x = alloca i32
  %cleanup_only = alloca i32
  invoke void @may_throw() to label %done unwind label %pad
done:
  ret void
pad:
  %lp = landingpad { ptr, i32 } cleanup
  store i32 1, ptr %cleanup_only
  %sel = extractvalue { ptr, i32 } %lp, 1
  %thrown = insertvalue { ptr, i32 } undef, ptr %x, 0
  %both = insertvalue { ptr, i32 } %thrown, i32 %sel, 1
  resume { ptr, i32 } %both
}

; CHECK-DAG: rethrow:     from {{.*}}(exception)
; CHECK-DAG: rethrow: moved to heap: %x
