; "escc-leak" parameter attributes on declarations (docs/go.md): the front end's summaries of
; functions it does not lower, used exactly like a defined function's summary. fmt.Println's
; `a ...any` leaks its content (heap=1): the "... argument" array stays, the box of x
; escapes. strings.TrimSpace(s) returns s (result0=0): returned, s leaks to the result. A
; declaration without tags is an unknown callee; a tag that does not parse counts as heap=0.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap
;
; package p
; func f(x int, s string, t string, u string) string {  // 3
; 	fmt.Println(x)                        // 4: ... argument does not escape, x escapes to heap
; 	unknown(&t)                          // 5: moved to heap: t (unknown callee)
; 	broken(&u)                           // 6: moved to heap: u (unparsable tag)
; 	return strings.TrimSpace(s)
; }
; CHECK:      p.go:3:15: leaking param: s to result ~r0 level=0
; CHECK-NEXT: p.go:3:25: moved to heap: t
; CHECK-NEXT: p.go:3:35: moved to heap: u
; CHECK-NEXT: p.go:4:13: ... argument does not escape
; CHECK-NEXT: p.go:4:14: x escapes to heap
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@type.int = global i8 0

define { ptr, i64 } @p.f(i64 %x, { ptr, i64 } %s, { ptr, i64 } %t, { ptr, i64 } %u) !dbg !10 {
entry:
  %s.addr = alloca { ptr, i64 }, align 8
  %t.addr = alloca { ptr, i64 }, align 8
  %u.addr = alloca { ptr, i64 }, align 8
  %args = alloca [1 x { ptr, ptr }], align 8
  %box = alloca i64, align 8
  store { ptr, i64 } %s, ptr %s.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %s.addr, metadata !20, metadata !DIExpression()), !dbg !30
  store { ptr, i64 } %t, ptr %t.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %t.addr, metadata !21, metadata !DIExpression()), !dbg !31
  store { ptr, i64 } %u, ptr %u.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %u.addr, metadata !22, metadata !DIExpression()), !dbg !32
  call void @llvm.dbg.declare(metadata ptr %args, metadata !23, metadata !DIExpression()), !dbg !33
  call void @llvm.dbg.declare(metadata ptr %box, metadata !24, metadata !DIExpression()), !dbg !34
  store i64 %x, ptr %box, align 8
  %i0 = insertvalue { ptr, ptr } undef, ptr @type.int, 0
  %i1 = insertvalue { ptr, ptr } %i0, ptr %box, 1
  store { ptr, ptr } %i1, ptr %args, align 8
  %a0 = insertvalue { ptr, i64, i64 } undef, ptr %args, 0
  %a1 = insertvalue { ptr, i64, i64 } %a0, i64 1, 1
  %a2 = insertvalue { ptr, i64, i64 } %a1, i64 1, 2
  call void @fmt.Println({ ptr, i64, i64 } %a2), !dbg !33
  call void @p.unknown(ptr %t.addr)
  call void @p.broken(ptr %u.addr)
  %s1 = load { ptr, i64 }, ptr %s.addr, align 8
  %r = call { ptr, i64 } @strings.TrimSpace({ ptr, i64 } %s1)
  ret { ptr, i64 } %r
}

declare void @fmt.Println({ ptr, i64, i64 } "escc-leak"="heap=1")
declare { ptr, i64 } @strings.TrimSpace({ ptr, i64 } "escc-leak"="result0=0")
declare void @p.unknown(ptr)
declare void @p.broken(ptr "escc-leak"="heap=")
declare void @llvm.dbg.declare(metadata, metadata, metadata)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "p.go", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!5 = !{i32 1, !"escc.source-language", !"go"}
!6 = !DIBasicType(name: "string", size: 128, encoding: DW_ATE_signed)
!7 = !DIBasicType(name: "int", size: 64, encoding: DW_ATE_signed)
!10 = distinct !DISubprogram(name: "p.f", linkageName: "p.f", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{!6, !7, !6, !6, !6}
!20 = !DILocalVariable(name: "s", arg: 2, scope: !10, file: !1, line: 3, type: !6)
!21 = !DILocalVariable(name: "t", arg: 3, scope: !10, file: !1, line: 3, type: !6)
!22 = !DILocalVariable(name: "u", arg: 4, scope: !10, file: !1, line: 3, type: !6)
!23 = !DILocalVariable(name: "... argument", scope: !10, file: !1, line: 4, type: !7, flags: DIFlagArtificial)
!24 = !DILocalVariable(name: "x", scope: !10, file: !1, line: 4, type: !7, flags: DIFlagArtificial)
!30 = !DILocation(line: 3, column: 15, scope: !10)
!31 = !DILocation(line: 3, column: 25, scope: !10)
!32 = !DILocation(line: 3, column: 35, scope: !10)
!33 = !DILocation(line: 4, column: 13, scope: !10)
!34 = !DILocation(line: 4, column: 14, scope: !10)
