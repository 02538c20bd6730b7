// stdlib.go — what the front end knows about code it does not lower: the parameter tags gc
// computed for Go's standard library (frontend/go/stdlib-tags.txt, generated from gc's -m
// output; docs/go.md), and the conservative declaration of a function of this package that
// uses an unsupported construct (--skip-unsupported).
//
// Invariant: a function missing from the table leaks every pointer parameter (heap=0), never
// "none".
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// stdlibTags maps types.Func.FullName() to one escc-leak tag per parameter (receiver first).
type stdlibTags map[string][]string

func readStdlibTags(path string) stdlibTags {
	tags := stdlibTags{}
	if path == "" {
		return tags
	}
	file, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return tags
		}
		fail(path, "cannot read: %v", err)
	}
	defer file.Close()
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	for scanner.Scan() {
		line := scanner.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		tags[fields[0]] = fields[1:]
	}
	return tags
}

// declareConservatively declares fn with every pointer parameter leaking to the heap.
func (m *module) declareConservatively(fn *ssa.Function) {
	var params []string
	if takesContext(fn) {
		params = append(params, "ptr \"escc-leak\"=\"heap=0\"")
	}
	for _, param := range fn.Params {
		text := m.typ(param.Type())
		if hasPointers(param.Type()) {
			text += " \"escc-leak\"=\"heap=0\""
		}
		params = append(params, text)
	}
	symbol := symbolOf(fn)
	m.declare(symbol, fmt.Sprintf("declare %s %s(%s)%s", m.typ(fn.Signature.Results()), quote(symbol), strings.Join(params, ", "), resultNames(fn.Signature)))
}
