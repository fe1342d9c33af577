package zoo

import (
	"errors"
	"time"
)

// The classic timeout leak: the caller waits for a result with a deadline,
// gives up when the deadline passes, and nobody ever receives from the
// unbuffered channel the worker is about to send on. The worker blocks in
// "chan send" forever.

const (
	sendLeakTimeout = 10 * time.Millisecond
	sendLeakWork    = 60 * time.Millisecond
	// sendLeakSettle is long enough for every worker to reach its send.
	sendLeakSettle = 200 * time.Millisecond
)

// errTimeout is returned by FetchWithTimeout when the worker is too slow.
var errTimeout = errors.New("fetch: timed out")

// Result is what a worker computes.
type Result struct {
	Key   string
	Value int
}

// FetchWithTimeout starts a worker for key and waits at most timeout for its
// result. On timeout the worker leaks: it blocks in leakySend forever.
func FetchWithTimeout(key string, timeout, work time.Duration) (Result, error) {
	ch := make(chan Result) // unbuffered: the bug (a buffer of 1 would fix it)
	go leakySend(ch, key, work)
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(timeout):
		return Result{}, errTimeout
	}
}

// leakySend computes a result and delivers it on ch. When the caller has
// already given up, the send never completes: LEAK (chan send).
func leakySend(ch chan<- Result, key string, work time.Duration) {
	time.Sleep(work) // simulated slow backend call
	ch <- Result{Key: key, Value: len(key)}
}

func startSendLeaks(n int) {
	for i := 0; i < n; i++ {
		go func() { _, _ = FetchWithTimeout("user:42", sendLeakTimeout, sendLeakWork) }()
	}
}
