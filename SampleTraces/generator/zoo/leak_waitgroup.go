package zoo

import "sync"

// A fan-out adds one more to the WaitGroup than it starts workers, so
// wg.Wait() never returns ("sync.WaitGroup.Wait" since Go 1.24,
// "semacquire" before).

// leakyWaitGroup fans out n tasks but Adds n+1: LEAK (sync.WaitGroup.Wait).
func leakyWaitGroup(n int, done func()) {
	var wg sync.WaitGroup
	wg.Add(n + 1) // BUG: off by one
	for i := 0; i < n; i++ {
		go func() { defer wg.Done() }()
	}
	wg.Wait()
	done()
}

func startWaitGroupLeaks(n int) {
	for i := 0; i < n; i++ {
		go leakyWaitGroup(2, func() {})
	}
}
