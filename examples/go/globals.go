// globals.go — storing an address in a package variable moves the variable to the heap; the
// parameter stored there leaks (gc: "leaking param: p").
package main

var last *int

func remember(p *int) { last = p }

func main() {
	x := 1
	remember(&x)
	y := 2
	z := &y
	*z = 5
	x = 9
	println(*last, y)
}
