// list.go — a linked list built in a loop: each node is a fresh object per iteration, and
// every node outlives the loop (it is reachable from head), so gc and escc move it to the heap.
package main

type node struct {
	value int
	next  *node
}

func build(n int) *node {
	var head *node
	for i := 0; i < n; i++ {
		head = &node{value: i, next: head}
	}
	return head
}

func sum(list *node) int {
	total := 0
	for n := list; n != nil; n = n.next {
		total += n.value
	}
	return total
}

func main() {
	list := build(10)
	println(sum(list))
	for n := list; n != nil; n = n.next {
		print(n.value, " ")
	}
	println()
}
