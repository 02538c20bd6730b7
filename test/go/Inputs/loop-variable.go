// loop-variable.go — w is a new variable every iteration and its address outlives the
// iteration (ptrs is declared before the loop): gc moves w to the heap; sharing one stack slot
// would make every ptrs[i] point at the last iteration's w.
package main

func main() {
	var array [3]func()
	var ptrs [3]*int
	s := []int{3, 2, 1}
	for i, v := range s {
		vv := v
		array[i] = func() {
			println(vv)
		}
		w := v * 10
		ptrs[i] = &w
	}
	for i := range array {
		array[i]()
		println(*ptrs[i])
	}
}
