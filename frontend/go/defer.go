// defer.go — defer. Without a defer inside a loop, defers are open-coded as gc does: each defer
// statement has a flag and temporary slots for its operands, set where the statement runs; at
// each return (go/ssa's RunDefers) the flagged calls run in reverse order with the saved
// operands. A function with a defer inside a loop keeps a list instead (runtime/go/defer.c):
// each defer statement pushes a heap record with its operands and a trampoline (goroutine.go's
// argument blocks), and RunDefers runs the list; the operands reach the heap, as gc's
// heap-allocated defers' do.
//
// Not supported: recover, builtins and interface method calls deferred inside a loop, and
// running deferred calls when the program panics (a panic ends the program at once; docs/go.md).
package main

import (
	"fmt"

	"golang.org/x/tools/go/ssa"
)

type deferState struct {
	statements []*ssa.Defer
	flags      []string
	slots      [][]string
	list       string // the head of the defer list (a temporary slot) when a defer is in a loop
}

// callOperands are the values a call needs when it is replayed: the callee value (a func
// value or an interface) unless it is a function or builtin, then the arguments.
func callOperands(c *ssa.CallCommon) []ssa.Value {
	var operands []ssa.Value
	switch c.Value.(type) {
	case *ssa.Function, *ssa.Builtin:
	default:
		operands = append(operands, c.Value)
	}
	return append(operands, c.Args...)
}

func (f *functionLowering) prepareDefers() {
	state := &deferState{}
	f.defers = state
	for _, block := range f.fn.Blocks {
		for _, instr := range block.Instrs {
			if d, ok := instr.(*ssa.Defer); ok {
				if inCycle(block) && state.list == "" {
					state.list = f.tempSlot("ptr", 8)
					f.entry = append(f.entry, fmt.Sprintf("  store ptr null, ptr %s", state.list))
				}
				state.statements = append(state.statements, d)
			}
		}
	}
	if state.list != "" {
		return
	}
	for _, d := range state.statements {
		flag := f.tempSlot("i1", 1)
		f.entry = append(f.entry, fmt.Sprintf("  store i1 false, ptr %s", flag))
		var slots []string
		for _, operand := range callOperands(d.Common()) {
			slots = append(slots, f.tempSlot(f.m.typ(operand.Type()), 8))
		}
		state.flags = append(state.flags, flag)
		state.slots = append(state.slots, slots)
	}
}

// inCycle reports whether block can reach itself.
func inCycle(block *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock{}, block.Succs...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if b == block {
			return true
		}
		if !seen[b] {
			seen[b] = true
			work = append(work, b.Succs...)
		}
	}
	return false
}

func (f *functionLowering) deferStatement(instr *ssa.Defer) {
	if f.defers.list != "" {
		trampoline, args, size := f.packCall(instr.Common(), "defer inside a loop")
		f.callRuntime("escgo_defer_push", "ptr "+f.defers.list, "ptr "+trampoline, "ptr "+args, size)
		return
	}
	for k, d := range f.defers.statements {
		if d != instr {
			continue
		}
		for i, operand := range callOperands(d.Common()) {
			f.emit("store %s, ptr %s", f.typed(operand), f.defers.slots[k][i])
		}
		f.emit("store i1 true, ptr %s", f.defers.flags[k])
	}
}

func (f *functionLowering) runDefers() {
	if f.defers.list != "" {
		f.callRuntime("escgo_defer_run", "ptr "+f.defers.list)
		return
	}
	for k := len(f.defers.statements) - 1; k >= 0; k-- {
		d := f.defers.statements[k]
		flag := f.temp()
		f.emit("%s = load i1, ptr %s", flag, f.defers.flags[k])
		run, next := f.newBlock("defer"), f.newBlock("deferred")
		f.emit("br i1 %s, label %%%s, label %%%s", flag, run.label, next.label)
		f.startBlock(run)
		saved := f.pos
		f.pos = d.Pos()
		operands := callOperands(d.Common())
		for i, operand := range operands {
			loaded := f.temp()
			f.emit("%s = load %s, ptr %s", loaded, f.m.typ(operand.Type()), f.defers.slots[k][i])
			f.override[operand] = loaded
		}
		f.callCommon(d.Common(), "", d.Common().Signature().Results())
		for _, operand := range operands {
			delete(f.override, operand)
		}
		f.pos = saved
		f.emit("br label %%%s", next.label)
		f.startBlock(next)
	}
}
