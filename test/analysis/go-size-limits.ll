; Go mode: gc's size limits. A variable over 10 MB moves to heap, an allocation site over 64 KB
; or of a size known only at run time (make with a variable length: a dynamic alloca) escapes,
; with reason too-large; smaller ones stay on the stack, as `go tool compile -m -l` says.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=REASON
;
; package p
; func f(n int) int {
; 	var big [2 << 20]int // 16 MB
; 	small := [1000]int{}
; 	p := new([10000]int) // 80 KB
; 	q := new([100]int)
; 	s := make([]int, n)
; 	t := make([]int, 10)
; 	...
; CHECK:      p.go:4:6: moved to heap: big
; CHECK-NEXT: p.go:6:10: new([10000]int) escapes to heap
; CHECK-NEXT: p.go:7:10: new([100]int) does not escape
; CHECK-NEXT: p.go:8:11: make([]int, n) escapes to heap
; CHECK-NEXT: p.go:9:11: make([]int, 10) does not escape
; REASON: p.go:4:6: big escapes to heap:
; REASON: from allocation (too-large)
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i64 @p.f(i64 %n) !dbg !10 {
entry:
  %big = alloca [2097152 x i64], align 8
  %small = alloca [1000 x i64], align 8
  %new.6 = alloca [10000 x i64], align 8
  %new.7 = alloca [100 x i64], align 8
  %make.9 = alloca [10 x i64], align 8
  call void @llvm.dbg.declare(metadata ptr %big, metadata !20, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.declare(metadata ptr %small, metadata !21, metadata !DIExpression()), !dbg !31
  call void @llvm.dbg.declare(metadata ptr %new.6, metadata !22, metadata !DIExpression()), !dbg !32
  call void @llvm.dbg.declare(metadata ptr %new.7, metadata !23, metadata !DIExpression()), !dbg !33
  %make.8 = alloca i64, i64 %n, align 8
  call void @llvm.dbg.declare(metadata ptr %make.8, metadata !24, metadata !DIExpression()), !dbg !34
  call void @llvm.dbg.declare(metadata ptr %make.9, metadata !25, metadata !DIExpression()), !dbg !35
  store i64 1, ptr %big, align 8
  %1 = load i64, ptr %small, align 8
  %2 = load i64, ptr %new.6, align 8
  %3 = load i64, ptr %new.7, align 8
  %4 = load i64, ptr %make.8, align 8
  %5 = load i64, ptr %make.9, align 8
  %s1 = add i64 %1, %2
  %s2 = add i64 %s1, %3
  %s3 = add i64 %s2, %4
  %s4 = add i64 %s3, %5
  ret i64 %s4
}

declare void @llvm.dbg.declare(metadata, metadata, metadata)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "p.go", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!5 = !{i32 1, !"escc.source-language", !"go"}
!6 = !DIBasicType(name: "int", size: 64, encoding: DW_ATE_signed)
!10 = distinct !DISubprogram(name: "p.f", linkageName: "p.f", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{!6, !6}
!20 = !DILocalVariable(name: "big", scope: !10, file: !1, line: 4, type: !6)
!21 = !DILocalVariable(name: "small", scope: !10, file: !1, line: 5, type: !6)
!22 = !DILocalVariable(name: "new([10000]int)", scope: !10, file: !1, line: 6, type: !6, flags: DIFlagArtificial)
!23 = !DILocalVariable(name: "new([100]int)", scope: !10, file: !1, line: 7, type: !6, flags: DIFlagArtificial)
!24 = !DILocalVariable(name: "make([]int, n)", scope: !10, file: !1, line: 8, type: !6, flags: DIFlagArtificial)
!25 = !DILocalVariable(name: "make([]int, 10)", scope: !10, file: !1, line: 9, type: !6, flags: DIFlagArtificial)
!30 = !DILocation(line: 4, column: 6, scope: !10)
!31 = !DILocation(line: 5, column: 2, scope: !10)
!32 = !DILocation(line: 6, column: 10, scope: !10)
!33 = !DILocation(line: 7, column: 10, scope: !10)
!34 = !DILocation(line: 8, column: 11, scope: !10)
!35 = !DILocation(line: 9, column: 11, scope: !10)
