// variadic-go-defer.go — go statements and defers inside a loop with `...` arguments: the
// argument array travels by value and the trampoline slices its own copy.
package main

func show(prefix string, xs ...int) {
	print(prefix)
	for _, x := range xs {
		print(" ", x)
	}
	println()
}

func loop(start, done chan bool) {
	for i := 0; i < 3; i++ {
		defer show("deferred", i, i*10)
	}
	go func() {
		<-start // after loop's deferred calls
		show("goroutine", 7, 8, 9)
		done <- true
	}()
}

func main() {
	start, done := make(chan bool), make(chan bool)
	loop(start, done)
	start <- true
	<-done
	ch := make(chan bool)
	go show2(ch, 1, 2)
	<-ch
}

func show2(ch chan bool, xs ...int) {
	show("show2", xs...)
	ch <- true
}
