// closures.go — func literals: a counter whose captured variable outlives its function (moved
// to heap, with the closure itself), and a literal called on the spot that does not escape.
package main

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func apply(values []int, f func(int) int) int {
	total := 0
	for _, v := range values {
		total += f(v)
	}
	return total
}

func main() {
	next := counter()
	next()
	next()
	println("counter:", next())
	scale := 3
	println("sum:", apply([]int{1, 2, 3}, func(v int) int { return v * scale }))
	offset := 10
	add := func(v int) int { return v + offset }
	println("direct:", add(5))
}
