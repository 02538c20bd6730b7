// Command escc-go is escc's Go front end: it type-checks one Go package, builds go/ssa for it
// and writes the package as textual LLVM IR in which every allocation is an alloca, so that
// escc's analysis (pass/) decides what moves to the heap, as gc's escape analysis does.
//
//	escc-go [--skip-unsupported] [--llvm=19|22] [--stdlib-tags=FILE] -o OUT.ll FILE.go...
//
// The lowering is naive on purpose: go/ssa's Alloc.Heap is ignored, every named variable,
// composite literal, new(T), make backing array, variadic argument array, closure context and
// interface box is an alloca carrying a DILocalVariable (Go's name for variables, gc's
// spelling of the expression for allocation sites), and every call that is not lowered here
// (Go's standard library, the C runtime in runtime/go/) is a declaration whose pointer
// parameters carry "escc-leak" tags (docs/go.md). Exit status: 0 ok, 2 bad input or an
// unsupported construct (one line "escc: error: FILE:LINE:COL: ...").
package main

import (
	"fmt"
	"os"
	"strings"
)

// defaultStdlibTags is set at build time (-ldflags -X) to frontend/go/stdlib-tags.txt.
var defaultStdlibTags = ""

type options struct {
	skipUnsupported bool
	llvmVersion     int
	output          string
	stdlibTags      string
	files           []string
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: escc-go [--skip-unsupported] [--llvm=19|22] [--stdlib-tags=FILE] -o OUT.ll FILE.go...")
	os.Exit(2)
}

func parseOptions(args []string) options {
	opts := options{llvmVersion: 19, stdlibTags: defaultStdlibTags}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--skip-unsupported":
			opts.skipUnsupported = true
		case arg == "--llvm=19":
			opts.llvmVersion = 19
		case arg == "--llvm=22":
			opts.llvmVersion = 22
		case strings.HasPrefix(arg, "--stdlib-tags="):
			opts.stdlibTags = strings.TrimPrefix(arg, "--stdlib-tags=")
		case arg == "-o" && i+1 < len(args):
			i++
			opts.output = args[i]
		case strings.HasSuffix(arg, ".go"):
			opts.files = append(opts.files, arg)
		default:
			usage()
		}
	}
	if opts.output == "" || len(opts.files) == 0 {
		usage()
	}
	return opts
}

// fail prints escc's one error line and exits 2.
func fail(subject, format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "escc: error: %s: %s\n", subject, fmt.Sprintf(format, args...))
	os.Exit(2)
}

func main() {
	opts := parseOptions(os.Args[1:])
	pkg := loadPackage(opts.files)
	tags := readStdlibTags(opts.stdlibTags)
	module := newModule(pkg, opts, tags)
	module.compilePackage()
	if err := os.WriteFile(opts.output, []byte(module.text()), 0o644); err != nil {
		fail(opts.output, "cannot write: %v", err)
	}
}
