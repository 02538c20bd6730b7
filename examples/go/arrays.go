// arrays.go — arrays and structs by value: a local array whose slice is only read stays on the
// stack, copy between slices, and a struct returned by value (no pointer escapes).
package main

type pair struct{ a, b int }

func swap(p pair) pair { return pair{p.b, p.a} }

func sum(values []int) int {
	total := 0
	for _, v := range values {
		total += v
	}
	return total
}

func main() {
	var grid [4]int
	for i := range grid {
		grid[i] = i * 3
	}
	buf := make([]int, 6)
	n := copy(buf, grid[:])
	p := swap(pair{1, 2})
	println("sum:", sum(grid[:]), "copied:", n, "buf sum:", sum(buf), "pair:", p.a, p.b)
}
