; A parameter is named by its DILocalVariable's `arg: N` when the front end spills it into its
; slot outside the entry block (escc-go stores an address-taken parameter where go/ssa's Alloc
; is, after a lifetime start). gc reports `leaking param: u to result ~r0 level=1` here.
; A parameter stored into two named slots (the spill and go/ssa's Alloc) of which one moves to
; heap reports only `moved to heap`, as gc does.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=leaking
;
; func (u U) SPPi() *string { return *u._spp }   // 3
; func param11(i **int) ***int { return &i }     // 4
; CHECK:      p.go:3:9: leaking param: u to result ~r0 level=1
; CHECK-NEXT: p.go:4:14: moved to heap: i
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @p.U.SPPi({ ptr, ptr } %u) !dbg !10 {
entry:
  %u.1 = alloca { ptr, ptr }, align 8
  call void @llvm.dbg.declare(metadata ptr %u.1, metadata !20, metadata !DIExpression()), !dbg !30
  br label %b0
b0:
  call void @llvm.lifetime.start.p0(i64 16, ptr %u.1)
  store { ptr, ptr } zeroinitializer, ptr %u.1, align 8
  store { ptr, ptr } %u, ptr %u.1, align 8
  %t1 = getelementptr inbounds { ptr, ptr }, ptr %u.1, i32 0, i32 1
  %t2 = load ptr, ptr %t1, align 8
  %t3 = load ptr, ptr %t2, align 8
  ret ptr %t3
}

define ptr @p.param11(ptr %i) !dbg !40 {
entry:
  %i.addr = alloca ptr, align 8
  store ptr %i, ptr %i.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %i.addr, metadata !41, metadata !DIExpression()), !dbg !42
  %i.1 = alloca ptr, align 8
  call void @llvm.dbg.declare(metadata ptr %i.1, metadata !41, metadata !DIExpression()), !dbg !42
  br label %b0
b0:
  call void @llvm.lifetime.start.p0(i64 8, ptr %i.1)
  store ptr null, ptr %i.1, align 8
  store ptr %i, ptr %i.1, align 8
  ret ptr %i.1
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
!6 = !DIBasicType(name: "U", size: 128, encoding: DW_ATE_signed)
!7 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "*string", baseType: !6, size: 64)
!10 = distinct !DISubprogram(name: "p.U.SPPi", linkageName: "p.U.SPPi", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{!7, !6}
!20 = !DILocalVariable(name: "u", arg: 1, scope: !10, file: !1, line: 3, type: !6)
!30 = !DILocation(line: 3, column: 9, scope: !10)
!40 = distinct !DISubprogram(name: "p.param11", linkageName: "p.param11", scope: !1, file: !1, line: 4, type: !11, scopeLine: 4, spFlags: DISPFlagDefinition, unit: !0)
!41 = !DILocalVariable(name: "i", arg: 1, scope: !40, file: !1, line: 4, type: !7)
!42 = !DILocation(line: 4, column: 14, scope: !40)
