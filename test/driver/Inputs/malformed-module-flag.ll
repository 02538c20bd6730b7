; A module flag with one operand, in a module with debug info: LLVM 22's verifier (run by the
; parser's debug-info upgrade) reads the flag's missing name and dies with SIGSEGV in
; Module::getModuleFlag, as `opt -passes=verify` does; LLVM 19 reports it. Found by fuzzing.
define i32 @main() !dbg !3 {
  %r = call i32 @main(), !dbg !6
  ret i32 0
}
!llvm.dbg.cu = !{!1}
!llvm.module.flags = !{!0, !7}
!0 = !{!5}
!1 = distinct !DICompileUnit(language: DW_LANG_C11, file: !2, emissionKind: FullDebug)
!2 = !DIFile(filename: "t.c", directory: "/")
!3 = distinct !DISubprogram(name: "main", file: !2, line: 1, type: !4, spFlags: DISPFlagDefinition, unit: !1)
!4 = !DISubroutineType(types: !{})
!5 = !{}
!6 = !DILocation(line: 1, scope: !3)
!7 = !{i32 2, !"Debug Info Version", i32 3}
