; Go mode: a call of a function with several results whose value is only taken apart by
; extractvalue follows each result on its own, as gc does: swap(q, p) returns (p, q) swapped,
; so p reaches the caller's second result and q its first; j, passed where the result is
; dropped, stays on the stack.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap --implicit-check-not=leaking
;
; func pair(p, q *int) (*int, *int) { return p, q }      // 3
; func swap(p, q *int) (*int, *int) {                    // 4
; 	r, s := pair(q, p)
; 	return r, s
; }
; var sink *int
; func first() { i, j := 0, 0; sink, _ = pair(&i, &j) } // 9
; CHECK:      p.go:3:11: leaking param: p to result ~r0 level=0
; CHECK-NEXT: p.go:3:14: leaking param: q to result ~r1 level=0
; CHECK-NEXT: p.go:4:11: leaking param: p to result ~r1 level=0
; CHECK-NEXT: p.go:4:14: leaking param: q to result ~r0 level=0
; CHECK-NEXT: p.go:9:16: moved to heap: i
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@p.sink = global ptr null

define { ptr, ptr } @p.pair(ptr %p, ptr %q) #0 !dbg !10 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !20, metadata !DIExpression()), !dbg !21
  %q.addr = alloca ptr, align 8
  store ptr %q, ptr %q.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %q.addr, metadata !22, metadata !DIExpression()), !dbg !23
  %r0 = insertvalue { ptr, ptr } undef, ptr %p, 0
  %r1 = insertvalue { ptr, ptr } %r0, ptr %q, 1
  ret { ptr, ptr } %r1
}

define { ptr, ptr } @p.swap(ptr %p, ptr %q) #0 !dbg !30 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !31, metadata !DIExpression()), !dbg !32
  %q.addr = alloca ptr, align 8
  store ptr %q, ptr %q.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %q.addr, metadata !33, metadata !DIExpression()), !dbg !34
  %t = call { ptr, ptr } @p.pair(ptr %q, ptr %p), !dbg !34
  %r = extractvalue { ptr, ptr } %t, 0
  %s = extractvalue { ptr, ptr } %t, 1
  %r0 = insertvalue { ptr, ptr } undef, ptr %r, 0
  %r1 = insertvalue { ptr, ptr } %r0, ptr %s, 1
  ret { ptr, ptr } %r1
}

define void @p.first() !dbg !40 {
entry:
  %i = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %i, metadata !41, metadata !DIExpression()), !dbg !42
  %j = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %j, metadata !43, metadata !DIExpression()), !dbg !44
  %t = call { ptr, ptr } @p.pair(ptr %i, ptr %j), !dbg !42
  %r = extractvalue { ptr, ptr } %t, 0
  store ptr %r, ptr @p.sink, align 8
  ret void
}

declare void @llvm.dbg.declare(metadata, metadata, metadata)

attributes #0 = { "escc-results"="~r0,~r1" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "p.go", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!5 = !{i32 1, !"escc.source-language", !"go"}
!6 = !DIBasicType(name: "int", size: 64, encoding: DW_ATE_signed)
!7 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "*int", baseType: !6, size: 64)
!11 = !DISubroutineType(types: !12)
!12 = !{null, !7, !7}
!10 = distinct !DISubprogram(name: "p.pair", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!20 = !DILocalVariable(name: "p", arg: 1, scope: !10, file: !1, line: 3, type: !7)
!21 = !DILocation(line: 3, column: 11, scope: !10)
!22 = !DILocalVariable(name: "q", arg: 2, scope: !10, file: !1, line: 3, type: !7)
!23 = !DILocation(line: 3, column: 14, scope: !10)
!30 = distinct !DISubprogram(name: "p.swap", scope: !1, file: !1, line: 4, type: !11, scopeLine: 4, spFlags: DISPFlagDefinition, unit: !0)
!31 = !DILocalVariable(name: "p", arg: 1, scope: !30, file: !1, line: 4, type: !7)
!32 = !DILocation(line: 4, column: 11, scope: !30)
!33 = !DILocalVariable(name: "q", arg: 2, scope: !30, file: !1, line: 4, type: !7)
!34 = !DILocation(line: 4, column: 14, scope: !30)
!40 = distinct !DISubprogram(name: "p.first", scope: !1, file: !1, line: 9, type: !11, scopeLine: 9, spFlags: DISPFlagDefinition, unit: !0)
!41 = !DILocalVariable(name: "i", scope: !40, file: !1, line: 9, type: !6)
!42 = !DILocation(line: 9, column: 16, scope: !40)
!43 = !DILocalVariable(name: "j", scope: !40, file: !1, line: 9, type: !6)
!44 = !DILocation(line: 9, column: 19, scope: !40)
