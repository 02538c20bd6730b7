; Found by fuzzing the input path (docs/reliability.md, bug log "torture #1"): IR that parses
; but does not verify, in a module that carries debug info ("Debug Info Version" 3). LLVM's
; text parser then runs UpgradeDebugInfo, which calls report_fatal_error("Broken module found")
; and would abort the process; escc turns it into "exit 2, one clear line" (docs/design.md,
; "Driver: exit status and errors").
; The same IR without the module flag gets the clean error (last RUN line).
; RUN: not %escc report %s 2> %t.err
; RUN: FileCheck %s < %t.err
; CHECK: escc: error: {{.*}}fuzz-broken-ir-with-debug-info.ll: {{.*}}dominate
; RUN: sed '/^!/d' %s > %t.nodebug.ll
; RUN: not %escc report %t.nodebug.ll 2>&1 | FileCheck %s --check-prefix=NODEBUG
; NODEBUG: escc: error: {{.*}}: invalid IR: Instruction does not dominate all uses!
define i32 @f() {
  %a = add i32 %b, 1
  %b = add i32 1, 1
  ret i32 %a
}
!llvm.module.flags = !{!0}
!0 = !{i32 2, !"Debug Info Version", i32 3}
