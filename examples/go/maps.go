// maps.go — a map that stays local (its header does not escape) counting words, and lookups
// with the comma-ok form.
package main

func count(words []string) int {
	seen := make(map[string]int)
	for _, w := range words {
		seen[w]++
	}
	return len(seen)
}

func main() {
	words := []string{"go", "c", "go", "llvm", "c", "go"}
	println("distinct:", count(words))
	ages := map[string]int{"ann": 31, "bob": 27}
	ages["cid"] = 45
	delete(ages, "bob")
	if age, ok := ages["ann"]; ok {
		println("ann", age)
	}
	_, ok := ages["bob"]
	println("bob present:", ok, "size:", len(ages))
}
