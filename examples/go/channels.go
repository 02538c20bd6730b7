// channels.go — goroutines and channels: a producer sends squares on a buffered channel, a
// worker answers on an unbuffered one; the values sent reach the heap, as in gc.
package main

func produce(n int, out chan int) {
	for i := 1; i <= n; i++ {
		out <- i * i
	}
	close(out)
}

func worker(requests chan int, replies chan int) {
	for r := range requests {
		replies <- r + 1
	}
	close(replies)
}

func main() {
	squares := make(chan int, 4)
	go produce(5, squares)
	total := 0
	for s := range squares {
		total += s
	}
	println("sum of squares:", total)

	requests, replies := make(chan int), make(chan int)
	go worker(requests, replies)
	for i := 0; i < 3; i++ {
		requests <- i * 10
		println("reply:", <-replies)
	}
	close(requests)
	_, more := <-replies
	println("more replies:", more)
}
