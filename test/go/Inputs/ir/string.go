package p

func join(a, b string) string { return a + b }

func bytes(s string) []byte { return []byte(s) }
