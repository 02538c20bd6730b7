// defers.go — deferred calls run at return in reverse order, and see the values their
// arguments had when the defer statement ran.
package main

func steps(label string) int {
	n := 1
	defer println(label, "first deferred, n was", n)
	n = 2
	defer func() {
		println(label, "closure sees n =", n)
	}()
	n = 3
	println(label, "body done")
	return n
}

func main() {
	println("result:", steps("a"))
}
