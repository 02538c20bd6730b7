; Go mode: gc's self-assignment rule. `b.buf = b.buf[:n]` and `b.a = b.c` store into *b only
; pointers loaded from *b, which changes no lifetime: b does not escape. gc's rule is about
; those two shapes only: `n := *np; *np = n` still leaks np's content. `b.buf = b.arr[:n]`
; stores b's own address into *b and is not a self-assignment (b leaks, as gc says), and
; neither is storing another object's pointer (`b.buf = o.buf`: o's content leaks).
; RUN: %opt %loadplugin -passes='print<escape>' -disable-output %s 2>&1 | FileCheck %s
;
; package p
; type B struct { buf []byte; arr [8]byte; a, c *int }
; func (b *B) truncate(n int) { b.buf = b.buf[:n]; b.a = b.c }  // 3
; func (b *B) reset(n int) { b.buf = b.arr[:n] }                 // 4
; func (b *B) take(o *B) { b.buf = o.buf }                      // 5
; type P struct { p1, p2 *int }
; type Box struct { pair *P }
; func boxed(box *Box) { box.pair.p1 = box.pair.p2 }                   // 6
; func unsafeIndex(p *[2]*int, zero func() int) { p[zero()] = p[1] }  // 7
; CHECK:      p.go:3:7: b does not escape
; CHECK-NEXT: p.go:4:7: leaking param: b
; CHECK-NEXT: p.go:5:7: b does not escape
; CHECK-NEXT: p.go:5:17: leaking param content: o
; CHECK-NEXT: p.go:6:12: box does not escape
; func deref(np **int) { n := *np; *np = n }                         // 8: not gc's shape
; CHECK-NEXT: p.go:7:18: leaking param content: p
; CHECK-NEXT: p.go:8:12: leaking param content: np
source_filename = "p.go"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%B = type { { ptr, i64, i64 }, [8 x i8], ptr, ptr }

define void @"p.(*B).truncate"(ptr %b, i64 %n) !dbg !10 {
entry:
  %b.addr = alloca ptr, align 8
  store ptr %b, ptr %b.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %b.addr, metadata !20, metadata !DIExpression()), !dbg !30
  %b1 = load ptr, ptr %b.addr, align 8
  %buf = getelementptr inbounds %B, ptr %b1, i32 0, i32 0
  %slice = load { ptr, i64, i64 }, ptr %buf, align 8
  %data = extractvalue { ptr, i64, i64 } %slice, 0
  %cap = extractvalue { ptr, i64, i64 } %slice, 2
  %s0 = insertvalue { ptr, i64, i64 } undef, ptr %data, 0
  %s1 = insertvalue { ptr, i64, i64 } %s0, i64 %n, 1
  %s2 = insertvalue { ptr, i64, i64 } %s1, i64 %cap, 2
  %b2 = load ptr, ptr %b.addr, align 8
  %buf2 = getelementptr inbounds %B, ptr %b2, i32 0, i32 0
  store { ptr, i64, i64 } %s2, ptr %buf2, align 8
  %c = getelementptr inbounds %B, ptr %b1, i32 0, i32 3
  %cv = load ptr, ptr %c, align 8
  %a = getelementptr inbounds %B, ptr %b1, i32 0, i32 2
  store ptr %cv, ptr %a, align 8
  ret void
}

define void @"p.(*B).reset"(ptr %b, i64 %n) !dbg !40 {
entry:
  %b.addr = alloca ptr, align 8
  store ptr %b, ptr %b.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %b.addr, metadata !41, metadata !DIExpression()), !dbg !42
  %b1 = load ptr, ptr %b.addr, align 8
  %arr = getelementptr inbounds %B, ptr %b1, i32 0, i32 1
  %data = getelementptr inbounds [8 x i8], ptr %arr, i64 0, i64 0
  %s0 = insertvalue { ptr, i64, i64 } undef, ptr %data, 0
  %s1 = insertvalue { ptr, i64, i64 } %s0, i64 %n, 1
  %s2 = insertvalue { ptr, i64, i64 } %s1, i64 8, 2
  %buf = getelementptr inbounds %B, ptr %b1, i32 0, i32 0
  store { ptr, i64, i64 } %s2, ptr %buf, align 8
  ret void
}

define void @"p.(*B).take"(ptr %b, ptr %o) !dbg !50 {
entry:
  %b.addr = alloca ptr, align 8
  %o.addr = alloca ptr, align 8
  store ptr %b, ptr %b.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %b.addr, metadata !51, metadata !DIExpression()), !dbg !53
  store ptr %o, ptr %o.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %o.addr, metadata !52, metadata !DIExpression()), !dbg !54
  %o1 = load ptr, ptr %o.addr, align 8
  %obuf = getelementptr inbounds %B, ptr %o1, i32 0, i32 0
  %slice = load { ptr, i64, i64 }, ptr %obuf, align 8
  %b1 = load ptr, ptr %b.addr, align 8
  %buf = getelementptr inbounds %B, ptr %b1, i32 0, i32 0
  store { ptr, i64, i64 } %slice, ptr %buf, align 8
  ret void
}

define void @p.boxed(ptr %box) !dbg !60 {
entry:
  %box.addr = alloca ptr, align 8
  store ptr %box, ptr %box.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %box.addr, metadata !61, metadata !DIExpression()), !dbg !62
  br label %b0
b0:
  %t0 = getelementptr inbounds { ptr }, ptr %box, i32 0, i32 0
  %t1 = load ptr, ptr %t0
  %t2 = getelementptr inbounds { ptr }, ptr %box, i32 0, i32 0
  %t3 = load ptr, ptr %t2
  %t4 = getelementptr inbounds { ptr, ptr }, ptr %t3, i32 0, i32 1
  %t5 = load ptr, ptr %t4
  %t6 = getelementptr inbounds { ptr, ptr }, ptr %t1, i32 0, i32 0
  store ptr %t5, ptr %t6
  ret void
}

define void @p.unsafeIndex(ptr %p, ptr %zero) !dbg !70 {
entry:
  %p.addr = alloca ptr, align 8
  store ptr %p, ptr %p.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %p.addr, metadata !71, metadata !DIExpression()), !dbg !72
  %i = call i64 %zero()
  %src = getelementptr inbounds [2 x ptr], ptr %p, i64 0, i64 1
  %v = load ptr, ptr %src
  %dst = getelementptr inbounds [2 x ptr], ptr %p, i64 0, i64 %i
  store ptr %v, ptr %dst
  ret void
}

define void @p.deref(ptr %np) !dbg !80 {
entry:
  %np.addr = alloca ptr, align 8
  store ptr %np, ptr %np.addr, align 8
  call void @llvm.dbg.declare(metadata ptr %np.addr, metadata !81, metadata !DIExpression()), !dbg !82
  %n = load ptr, ptr %np
  store ptr %n, ptr %np
  ret void
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
!6 = !DIBasicType(name: "B", size: 384, encoding: DW_ATE_signed)
!7 = !DIDerivedType(tag: DW_TAG_pointer_type, name: "*B", baseType: !6, size: 64)
!10 = distinct !DISubprogram(name: "p.(*B).truncate", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !12)
!12 = !{null, !7}
!20 = !DILocalVariable(name: "b", arg: 1, scope: !10, file: !1, line: 3, type: !7)
!30 = !DILocation(line: 3, column: 7, scope: !10)
!40 = distinct !DISubprogram(name: "p.(*B).reset", scope: !1, file: !1, line: 4, type: !11, scopeLine: 4, spFlags: DISPFlagDefinition, unit: !0)
!41 = !DILocalVariable(name: "b", arg: 1, scope: !40, file: !1, line: 4, type: !7)
!42 = !DILocation(line: 4, column: 7, scope: !40)
!50 = distinct !DISubprogram(name: "p.(*B).take", scope: !1, file: !1, line: 5, type: !11, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!51 = !DILocalVariable(name: "b", arg: 1, scope: !50, file: !1, line: 5, type: !7)
!52 = !DILocalVariable(name: "o", arg: 2, scope: !50, file: !1, line: 5, type: !7)
!53 = !DILocation(line: 5, column: 7, scope: !50)
!54 = !DILocation(line: 5, column: 17, scope: !50)
!60 = distinct !DISubprogram(name: "p.boxed", scope: !1, file: !1, line: 6, type: !11, scopeLine: 6, spFlags: DISPFlagDefinition, unit: !0)
!61 = !DILocalVariable(name: "box", arg: 1, scope: !60, file: !1, line: 6, type: !7)
!62 = !DILocation(line: 6, column: 12, scope: !60)
!70 = distinct !DISubprogram(name: "p.unsafeIndex", scope: !1, file: !1, line: 7, type: !11, scopeLine: 7, spFlags: DISPFlagDefinition, unit: !0)
!71 = !DILocalVariable(name: "p", arg: 1, scope: !70, file: !1, line: 7, type: !7)
!72 = !DILocation(line: 7, column: 18, scope: !70)
!80 = distinct !DISubprogram(name: "p.deref", scope: !1, file: !1, line: 8, type: !11, scopeLine: 8, spFlags: DISPFlagDefinition, unit: !0)
!81 = !DILocalVariable(name: "np", arg: 1, scope: !80, file: !1, line: 8, type: !7)
!82 = !DILocation(line: 8, column: 12, scope: !80)
