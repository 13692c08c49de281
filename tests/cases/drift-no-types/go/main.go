package main

// Only functions here: `--go go` yields no type, which is an error naming the path.
func main() {}
