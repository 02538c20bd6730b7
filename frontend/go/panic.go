// panic.go — panic(v): the runtime prints `panic: ` and the value as gc's runtime does and
// ends the program with exit status 2 (deferred calls do not run; docs/go.md).
package main

import "golang.org/x/tools/go/ssa"

func (f *functionLowering) panicValue(x ssa.Value) {
	parts := f.extractAll(ifaceType, f.op(x), 2)
	f.callRuntime("escgo_panic", "ptr "+parts[0], "ptr "+parts[1])
	f.emit("unreachable")
}
