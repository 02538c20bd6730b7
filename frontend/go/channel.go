// channel.go — channels (runtime/go/chan.c: a mutex, a condition variable and a ring buffer
// from esc_alloc; gc allocates channels on the heap as well). Values cross through temporary
// slots; a sent value reaches the heap (the runtime's tag), as in gc.
package main

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

func (f *functionLowering) makeChan(instr *ssa.MakeChan) {
	elem := instr.Type().Underlying().(*types.Chan).Elem()
	channel := f.callRuntime("escgo_chan_make", fmt.Sprintf("i64 %d", f.m.sizeof(elem)), "i64 "+f.index64(instr.Size))
	f.copyRegister(f.names[instr], "ptr", channel)
}

func (f *functionLowering) send(instr *ssa.Send) {
	value := f.spill(f.m.typ(instr.X.Type()), f.op(instr.X))
	f.callRuntime("escgo_chan_send", f.typed(instr.Chan), "ptr "+value)
}

// receive: <-ch, and v, ok := <-ch (CommaOk).
func (f *functionLowering) receive(instr *ssa.UnOp) {
	elem := instr.X.Type().Underlying().(*types.Chan).Elem()
	valueType := f.m.typ(elem)
	out := f.spill(valueType, zeroValue(valueType))
	ok := f.callRuntime("escgo_chan_recv", f.typed(instr.X), "ptr "+out)
	if !instr.CommaOk {
		f.emit("%s = load %s, ptr %s", f.names[instr], valueType, out)
		return
	}
	f.commaOk(f.names[instr], valueType, out, ok)
}

// commaOk defines result as the (value, ok) pair of `v, ok := ...`: the value loaded from out,
// ok whether the runtime's answer (an i64) is non-zero.
func (f *functionLowering) commaOk(result, valueType, out, answer string) {
	value, ok := f.temp(), f.temp()
	f.emit("%s = load %s, ptr %s", value, valueType, out)
	f.emit("%s = icmp ne i64 %s, 0", ok, answer)
	f.buildAggregate(result, fmt.Sprintf("{ %s, i1 }", valueType), []string{valueType + " " + value, "i1 " + ok})
}
