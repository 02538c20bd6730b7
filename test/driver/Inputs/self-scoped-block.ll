; A lexical block that is its own scope: LLVM's verifier, run by the parser's debug-info
; upgrade, follows the scope chain for ever (DILocalScope::getSubprogram); `opt` and `llvm-as`
; of LLVM 19 and 22 hang on this file. Made from clang -g output of
;   int f(int a) { if (a) { int b = a; return b; } return 0; }
; with !21's scope changed from !18 to !21. Found by fuzzing (docs/reliability.md).
; Function Attrs: noinline nounwind optnone uwtable
define dso_local i32 @f(i32 noundef %0) #0 !dbg !10 {
  %2 = alloca i32, align 4
  %3 = alloca i32, align 4
  %4 = alloca i32, align 4
  store i32 %0, ptr %3, align 4
    #dbg_declare(ptr %3, !15, !DIExpression(), !16)
  %5 = load i32, ptr %3, align 4, !dbg !17
  %6 = icmp ne i32 %5, 0, !dbg !17
  br i1 %6, label %7, label %10, !dbg !19

7:                                                ; preds = %1
    #dbg_declare(ptr %4, !20, !DIExpression(), !22)
  %8 = load i32, ptr %3, align 4, !dbg !23
  store i32 %8, ptr %4, align 4, !dbg !22
  %9 = load i32, ptr %4, align 4, !dbg !24
  store i32 %9, ptr %2, align 4, !dbg !25
  br label %11, !dbg !25

10:                                               ; preds = %1
  store i32 0, ptr %2, align 4, !dbg !26
  br label %11, !dbg !26

11:                                               ; preds = %10, %7
  %12 = load i32, ptr %2, align 4, !dbg !27
  ret i32 %12, !dbg !27
}


!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "lb.c", directory: "/")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 8, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 2}
!8 = !{i32 7, !"frame-pointer", i32 2}
!10 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 1, type: !11, scopeLine: 1, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "a", arg: 1, scope: !10, file: !1, line: 1, type: !13)
!16 = !DILocation(line: 1, column: 11, scope: !10)
!17 = !DILocation(line: 1, column: 20, scope: !18)
!18 = distinct !DILexicalBlock(scope: !10, file: !1, line: 1, column: 20)
!19 = !DILocation(line: 1, column: 20, scope: !10)
!20 = !DILocalVariable(name: "b", scope: !21, file: !1, line: 1, type: !13)
!21 = distinct !DILexicalBlock(scope: !21, file: !1, line: 1, column: 23)
!22 = !DILocation(line: 1, column: 29, scope: !21)
!23 = !DILocation(line: 1, column: 33, scope: !21)
!24 = !DILocation(line: 1, column: 43, scope: !21)
!25 = !DILocation(line: 1, column: 36, scope: !21)
!26 = !DILocation(line: 1, column: 48, scope: !10)
!27 = !DILocation(line: 1, column: 58, scope: !10)
