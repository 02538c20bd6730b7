// seed.go — the seed's two Go programs in one file: getNum hands out the address of its
// local (Go moves it to the heap), add only reads through its pointer (nothing moves).
package main

func getNum() *int {
	number := 42
	return &number
}

func add(a *int, b int) {
	println(*a + b)
}

func main() {
	p := getNum()
	num := 1
	add(&num, 2)
	println(*p)
}
