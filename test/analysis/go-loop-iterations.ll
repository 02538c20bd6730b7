; Go mode: an object whose llvm.lifetime.start is on a loop is a new object every iteration in
; one stack slot (the front end's loop variables). Its address may not outlive the iteration:
; stored into `outer` (made before the loop) x moves to heap; kept in `last`, a phi that carries
; it into the next iteration, z moves too; stored into `pair`, made in the same iteration, y
; stays. In the nested loop, i is made in the inner loop and stored into o, made once per outer
; iteration: o outlives i's iteration, so i moves; o itself stays. Reason outlives-iteration.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=escape --implicit-check-not=heap
; RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=REASON
; CHECK:      p.go:5:3: moved to heap: x
; CHECK-NEXT: p.go:7:3: moved to heap: z
; CHECK-NEXT: p.go:13:4: moved to heap: i
; REASON: p.go:5:3: x escapes to heap:
; REASON: from allocation (outlives-iteration)
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i64 @p.f(i64 %n) !dbg !10 {
entry:
  %outer = alloca ptr, align 8
  %x = alloca i64, align 8
  %y = alloca i64, align 8
  %z = alloca i64, align 8
  %pair = alloca { ptr, ptr }, align 8
  call void @llvm.dbg.declare(metadata ptr %outer, metadata !20, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.declare(metadata ptr %x, metadata !21, metadata !DIExpression()), !dbg !31
  call void @llvm.dbg.declare(metadata ptr %y, metadata !22, metadata !DIExpression()), !dbg !32
  call void @llvm.dbg.declare(metadata ptr %z, metadata !23, metadata !DIExpression()), !dbg !33
  call void @llvm.dbg.declare(metadata ptr %pair, metadata !24, metadata !DIExpression()), !dbg !34
  call void @llvm.lifetime.start.p0(i64 8, ptr %outer)
  br label %loop
loop:
  %k = phi i64 [ 0, %entry ], [ %k1, %body ]
  %last = phi ptr [ null, %entry ], [ %z, %body ]
  %done = icmp sge i64 %k, %n
  br i1 %done, label %exit, label %body
body:
  call void @llvm.lifetime.start.p0(i64 8, ptr %x)
  call void @llvm.lifetime.start.p0(i64 8, ptr %y)
  call void @llvm.lifetime.start.p0(i64 8, ptr %z)
  call void @llvm.lifetime.start.p0(i64 16, ptr %pair)
  store i64 %k, ptr %x, align 8
  store ptr %x, ptr %outer, align 8
  store ptr %y, ptr %pair, align 8
  %k1 = add i64 %k, 1
  br label %loop
exit:
  %p = load ptr, ptr %outer, align 8
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

define i64 @p.g(i64 %n) !dbg !40 {
entry:
  %o = alloca ptr, align 8
  %i = alloca i64, align 8
  call void @llvm.dbg.declare(metadata ptr %o, metadata !41, metadata !DIExpression()), !dbg !43
  call void @llvm.dbg.declare(metadata ptr %i, metadata !42, metadata !DIExpression()), !dbg !44
  br label %outer
outer:
  %a = phi i64 [ 0, %entry ], [ %a1, %outer.next ]
  call void @llvm.lifetime.start.p0(i64 8, ptr %o)
  br label %inner
inner:
  %b = phi i64 [ 0, %outer ], [ %b1, %inner ]
  call void @llvm.lifetime.start.p0(i64 8, ptr %i)
  store ptr %i, ptr %o, align 8
  %b1 = add i64 %b, 1
  %inner.done = icmp sge i64 %b1, %n
  br i1 %inner.done, label %outer.next, label %inner
outer.next:
  %a1 = add i64 %a, 1
  %outer.done = icmp sge i64 %a1, %n
  br i1 %outer.done, label %exit, label %outer
exit:
  ret i64 0
}

declare void @llvm.dbg.declare(metadata, metadata, metadata)
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5}

!0 = distinct !DICompileUnit(language: DW_LANG_Go, file: !1, producer: "escc-go", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "p.go", directory: "/tmp")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 1, !"escc.integers-carry-no-addresses", i32 1}
!5 = !{i32 1, !"escc.source-language", !"go"}
!6 = !DIBasicType(name: "int", size: 64, encoding: DW_ATE_signed)
!10 = distinct !DISubprogram(name: "p.f", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{!6, !6}
!20 = !DILocalVariable(name: "outer", scope: !10, file: !1, line: 3, type: !6)
!21 = !DILocalVariable(name: "x", scope: !10, file: !1, line: 5, type: !6)
!22 = !DILocalVariable(name: "y", scope: !10, file: !1, line: 6, type: !6)
!23 = !DILocalVariable(name: "z", scope: !10, file: !1, line: 7, type: !6)
!24 = !DILocalVariable(name: "pair", scope: !10, file: !1, line: 8, type: !6)
!30 = !DILocation(line: 3, column: 6, scope: !10)
!31 = !DILocation(line: 5, column: 3, scope: !10)
!32 = !DILocation(line: 6, column: 3, scope: !10)
!33 = !DILocation(line: 7, column: 3, scope: !10)
!34 = !DILocation(line: 8, column: 3, scope: !10)
!40 = distinct !DISubprogram(name: "p.g", scope: !1, file: !1, line: 11, type: !11, scopeLine: 11, spFlags: DISPFlagDefinition, unit: !0)
!41 = !DILocalVariable(name: "o", scope: !40, file: !1, line: 12, type: !6)
!42 = !DILocalVariable(name: "i", scope: !40, file: !1, line: 13, type: !6)
!43 = !DILocation(line: 12, column: 3, scope: !40)
!44 = !DILocation(line: 13, column: 4, scope: !40)
