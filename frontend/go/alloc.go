// alloc.go — every go/ssa Alloc becomes an alloca, whatever Alloc.Heap says: escc's analysis
// decides what moves to the heap. The alloca sits in the entry block (a static alloca, as
// clang makes them); at the Alloc's own place a llvm.lifetime.start and a zeroing store begin
// a fresh object, so a variable declared in a loop body is a new object every iteration (the
// promotion allocates at each lifetime.start).
//
// Invariant: every alloca has a debug declare: named variables with Go's name and position,
// allocation sites with gc's spelling (sites.go) and DIFlagArtificial, parameters' slots with
// arg: N. Temporaries (tempSlot) are the only allocas without one; they never hold an object
// whose address is taken.
package main

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

func (f *functionLowering) alloc(alloc *ssa.Alloc) {
	elem := deref(alloc.Type())
	if f.m.sites.isTemporary(alloc) {
		llvmType := f.m.typ(elem)
		slot := f.tempSlot(llvmType, f.m.alignof(elem))
		f.copyRegister(f.names[alloc], "ptr", slot)
		f.emit("store %s %s, ptr %s, align %d", llvmType, zeroValue(llvmType), slot, f.m.alignof(elem))
		return
	}
	if count := f.m.sites.runTimeCount(alloc); count != "" {
		name, pos := f.m.sites.allocSite(alloc)
		array := elem.Underlying().(*types.Array)
		counted := f.temp()
		f.emit("%s = add i64 %s, 0", counted, count)
		f.dynamicObject(f.names[alloc], array.Elem(), counted, name, pos)
		return
	}
	name, pos, artificial := alloc.Comment, f.m.sites.variablePosition(alloc), false
	if isSiteComment(alloc.Comment) {
		name, pos = f.m.sites.allocSite(alloc)
		artificial = true
	}
	register := f.names[alloc]
	if !artificial {
		register = f.register(alloc.Comment)
		f.names[alloc] = register
	}
	f.stackObject(register, elem, name, pos, artificial, f.paramSlots[alloc])
}

// stackObject declares a static alloca of type t named register, with its DILocalVariable,
// and starts a zeroed object at the current place.
func (f *functionLowering) stackObject(register string, t types.Type, name string, pos token.Pos, artificial bool, arg int) {
	llvmType := f.m.typ(t)
	variable := f.m.debug.variable(name, arg, f.scope, pos, f.fallbackFile(), t.String(), artificial)
	saved := f.pos
	if pos.IsValid() {
		f.pos = pos
	}
	f.entry = append(f.entry,
		fmt.Sprintf("  %s = alloca %s, align %d", register, llvmType, f.m.alignof(t)),
		"  "+f.m.debug.declare(register, variable, f.location()))
	f.pos = saved
	f.lifetimeStart(register, f.m.sizeof(t))
	f.emit("store %s %s, ptr %s, align %d", llvmType, zeroValue(llvmType), register, f.m.alignof(t))
}

func (f *functionLowering) lifetimeStart(register string, size int64) {
	if f.m.opts.llvmVersion >= 22 {
		f.m.declare("llvm.lifetime.start.p0", "declare void @llvm.lifetime.start.p0(ptr captures(none))")
		f.emit("call void @llvm.lifetime.start.p0(ptr %s)", register)
		return
	}
	f.m.declare("llvm.lifetime.start.p0", "declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)")
	f.emit("call void @llvm.lifetime.start.p0(i64 %d, ptr %s)", size, register)
}

// dynamicObject is a variable-size allocation site (make([]T, n) with n not constant): a
// dynamic alloca of count elements of t at the current place, zeroed, with its declare.
func (f *functionLowering) dynamicObject(register string, elem types.Type, count string, name string, pos token.Pos) {
	llvmType := f.m.typ(elem)
	variable := f.m.debug.variable(name, 0, f.scope, pos, f.fallbackFile(), "[]"+elem.String(), true)
	f.emit("%s = alloca %s, i64 %s, align %d", register, llvmType, count, f.m.alignof(elem))
	f.emitPlain("%s", f.m.debug.declare(register, variable, f.location()))
	bytes := f.temp()
	f.emit("%s = mul i64 %s, %d", bytes, count, f.m.sizeof(elem))
	f.m.declare("llvm.memset.p0.i64", "declare void @llvm.memset.p0.i64(ptr nocapture writeonly, i8, i64, i1 immarg)")
	f.emit("call void @llvm.memset.p0.i64(ptr %s, i8 0, i64 %s, i1 false)", register, bytes)
}

// tempSlot is an unnamed entry-block alloca for the front end's own use (spilling a value to
// pass it by address to the runtime); it is never an object a Go program can address.
func (f *functionLowering) tempSlot(llvmType string, align int64) string {
	register := f.temp()
	f.entry = append(f.entry, fmt.Sprintf("  %s = alloca %s, align %d", register, llvmType, align))
	return register
}

// spill stores a value into a fresh temporary slot and returns the slot.
func (f *functionLowering) spill(llvmType, value string) string {
	slot := f.tempSlot(llvmType, 8)
	f.emit("store %s %s, ptr %s", llvmType, value, slot)
	return slot
}
