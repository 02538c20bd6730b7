// slice-array-pointer.go — (*[N]T)(s) (Go 1.17) is s's array when len(s) >= N, and a run-time
// panic otherwise.
package main

func main() {
	s := []int{1, 2, 3, 4}
	p := (*[2]int)(s[1:])
	p[1] = 30
	println(s[2], len(p))
	_ = (*[8]int)(s)
}
