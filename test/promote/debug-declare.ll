; Debug info survives: the variable's declare moves to its box with DW_OP_deref, so a debugger
; reads the box and follows it to the object (see gdb.c for the debugger itself). The new code
; carries the source location of the statement it serves. (LLVM 22's C API cannot erase a debug
; record: there the old declare stays, with its address replaced by poison.)
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | FileCheck %s
; RUN: %opt %loadplugin -passes='escape-promote' -S %s | %opt -passes=verify -disable-output

define ptr @getNum() !dbg !10 {
entry:
  %number = alloca i32, align 4
    #dbg_declare(ptr %number, !16, !DIExpression(), !17)
  store i32 42, ptr %number, align 4, !dbg !17
  ret ptr %number, !dbg !18
}

; CHECK-LABEL: define ptr @getNum()
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %number.box = alloca ptr, align 8
; CHECK-DAG:     #dbg_declare(ptr %number.box, ![[NUMBER:[0-9]+]], !DIExpression(DW_OP_deref), ![[DECLARED:[0-9]+]])
; CHECK-DAG:     %number.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
; CHECK-DAG:     store ptr %number.heap, ptr %number.box, align 8
; CHECK:         [[ADDRESS:%number[0-9]*]] = load ptr, ptr %number.box, align 8, !dbg ![[DECLARED]]
; CHECK-NEXT:    store i32 42, ptr [[ADDRESS]], align 4, !dbg ![[DECLARED]]
; CHECK-NEXT:    [[RESULT:%number[0-9]*]] = load ptr, ptr %number.box, align 8, !dbg ![[RETURNED:[0-9]+]]
; CHECK-NEXT:    ret ptr [[RESULT]], !dbg ![[RETURNED]]
; CHECK: ![[NUMBER]] = !DILocalVariable(name: "number"

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "t.c", directory: "/tmp")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "getNum", scope: !1, file: !1, line: 1, type: !11, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !15)
!11 = !DISubroutineType(types: !12)
!12 = !{!13}
!13 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !14, size: 64)
!14 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!15 = !{}
!16 = !DILocalVariable(name: "number", scope: !10, file: !1, line: 2, type: !14)
!17 = !DILocation(line: 2, column: 7, scope: !10)
!18 = !DILocation(line: 3, column: 3, scope: !10)
