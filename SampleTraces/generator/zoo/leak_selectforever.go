package zoo

// A goroutine that "keeps the process alive" with an empty select and will
// never be woken ("select (no cases)").

// leakySelectForever parks forever: LEAK (select (no cases)).
func leakySelectForever() {
	select {}
}

func startSelectForeverLeaks(n int) {
	for i := 0; i < n; i++ {
		go leakySelectForever()
	}
}
