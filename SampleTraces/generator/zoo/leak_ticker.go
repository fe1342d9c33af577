package zoo

import "time"

// A poller created per request loops over a ticker that nobody stops and has
// no way out. Each call leaves one goroutine in "chan receive" (on ticker.C)
// plus one live runtime timer.

// leakyTicker polls every interval forever: LEAK (chan receive on ticker.C).
func leakyTicker(interval time.Duration, polls *int) {
	ticker := time.NewTicker(interval) // BUG: never stopped, loop never exits
	for range ticker.C {
		*polls++
	}
}

func startTickerLeaks(n int) {
	for i := 0; i < n; i++ {
		var polls int
		go leakyTicker(time.Hour, &polls)
	}
}

// StartTickerLeak starts one ticker leak (used by the serve mode).
func StartTickerLeak(interval time.Duration) {
	var polls int
	go leakyTicker(interval, &polls)
}
