; Grown by the fuzzer on LLVM 22 (docs/reliability.md, bug log "torture #1" addendum): two
; "Debug Info Version" module flags. The verifier rejects the module inside the IR parser's
; debug-info upgrade, which used to abort escc (exit 134); it must be one error line, exit 2.
; RUN: not %escc report %s 2> %t.err
; RUN: FileCheck %s < %t.err
; CHECK: escc: error: {{.*}}fuzz-duplicate-debug-flag.ll: invalid IR: module flag identifiers must be unique
define void @f() {
  ret void
}
!llvm.module.flags = !{!0, !1}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = !{i32 2, !"Debug Info Version", i32 3}
