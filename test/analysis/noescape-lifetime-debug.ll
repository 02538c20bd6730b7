; Non-escape rule: lifetime markers and debug intrinsics mention an address without moving
; it (llvm.dbg.declare in call form: LLVM 19 reads it as is, LLVM 22 upgrades it to a debug
; record). x keeps its source name from the declare; the control y escapes with its own.
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

source_filename = "noescape-lifetime-debug.c"
@g = global ptr null
declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)
declare void @llvm.dbg.declare(metadata, metadata, metadata)

define void @f() !dbg !5 {
  %x = alloca i32, align 4
  %y = alloca i32, align 4
  call void @llvm.dbg.declare(metadata ptr %x, metadata !9, metadata !DIExpression()), !dbg !11
  call void @llvm.dbg.declare(metadata ptr %y, metadata !12, metadata !DIExpression()), !dbg !13
  call void @llvm.lifetime.start.p0(i64 4, ptr %x), !dbg !11
  store i32 1, ptr %x, align 4, !dbg !11
  call void @llvm.lifetime.end.p0(i64 4, ptr %x), !dbg !11
  store ptr %y, ptr @g, align 8, !dbg !13
  ret void, !dbg !13
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "hand", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "lifetime.c", directory: "/tmp")
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 2, type: !6, scopeLine: 2, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!9 = !DILocalVariable(name: "x", scope: !5, file: !1, line: 3, type: !8)
!11 = !DILocation(line: 3, column: 7, scope: !5)
!12 = !DILocalVariable(name: "y", scope: !5, file: !1, line: 4, type: !8)
!13 = !DILocation(line: 4, column: 7, scope: !5)

; CHECK-NOT: moved to heap: x
; CHECK: lifetime.c:4:7: moved to heap: y
