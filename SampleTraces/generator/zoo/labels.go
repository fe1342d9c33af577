package zoo

import (
	"context"
	"runtime/pprof"
	"time"
)

// Goroutines started under pprof labels of several shapes: plain values,
// values that need quoting in Go 1.27 tracebacks (spaces, '=', '?'), and
// several keys (printed in key order). Children inherit their parent's labels.

// labelledWait blocks until release is closed (healthy when it eventually is;
// here nobody closes it, so it is a receive leak with labels).
func labelledWait(release <-chan struct{}) {
	<-release
}

// labelledPoll sleeps in a loop (a healthy, labelled goroutine).
func labelledPoll(every time.Duration) {
	for {
		time.Sleep(every)
	}
}

// StartLabelledRequests starts a few goroutines under varied pprof labels.
func StartLabelledRequests() {
	never := make(chan struct{})
	do := func(fn func(), kv ...string) {
		pprof.Do(context.Background(), pprof.Labels(kv...), func(context.Context) { go fn() })
	}
	do(func() { labelledWait(never) }, "handler", "/export", "format", "csv")
	do(func() { labelledWait(never) }, "handler", "/search", "query", "q=go leaks&page=2")
	do(func() { labelledPoll(time.Hour) }, "component", "metrics", "interval", "1h")
	do(func() { labelledPoll(time.Hour) }, "worker", "7", "queue", "batch.v2")
	time.Sleep(50 * time.Millisecond)
}
