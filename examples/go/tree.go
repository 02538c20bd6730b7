// tree.go — a binary search tree: nodes created by insert escape (they hang off the root);
// walk only reads through its parameter, and the counter it updates stays on the stack.
package main

type tree struct {
	key         int
	left, right *tree
}

func insert(t *tree, key int) *tree {
	if t == nil {
		return &tree{key: key}
	}
	if key < t.key {
		t.left = insert(t.left, key)
	} else {
		t.right = insert(t.right, key)
	}
	return t
}

func walk(t *tree, visited *int) {
	if t == nil {
		return
	}
	walk(t.left, visited)
	*visited++
	print(t.key, " ")
	walk(t.right, visited)
}

func main() {
	var root *tree
	for _, k := range [...]int{50, 30, 70, 20, 40, 60, 80} {
		root = insert(root, k)
	}
	count := 0
	walk(root, &count)
	println()
	println("nodes:", count)
}
