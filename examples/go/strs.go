// strs.go — strings: concatenation (a temporary buffer that escapes when the result does),
// conversions to and from []byte, indexing and ranging over runes.
package main

var saved string

func greet(name string) string {
	return "hello, " + name
}

func shout(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

func runes(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

func main() {
	g := greet("gopher")
	saved = g + "!"
	println(g, len(g), shout("escape"), saved)
	println("runes:", runes("héllo, 世界"), "bytes:", len("héllo, 世界"), "first:", "héllo"[1])
}
