package zoo

import (
	"context"
	"time"
)

// A background loop selects on a ticker and a work channel but has no
// ctx.Done() case. When its owner cancels the context and stops sending work,
// the loop keeps waiting in "select" forever (and keeps its ticker alive).

// leakySelectLoop batches work and flushes on every tick. It ignores ctx:
// LEAK (select).
func leakySelectLoop(ctx context.Context, work <-chan int, flushEvery time.Duration) {
	ticker := time.NewTicker(flushEvery)
	defer ticker.Stop()
	var batch []int
	for {
		select {
		case <-ticker.C:
			batch = batch[:0] // flush
		case x := <-work:
			batch = append(batch, x)
		}
		// BUG: no `case <-ctx.Done(): return`
	}
}

func startSelectLoopLeaks(n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		work := make(chan int)
		go leakySelectLoop(ctx, work, time.Hour)
		work <- 1
		cancel() // the owner is done, the loop is not
	}
}

// StartSelectLoopLeak starts one select-loop leak (used by the serve mode).
func StartSelectLoopLeak(flushEvery time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	work := make(chan int)
	go leakySelectLoop(ctx, work, flushEvery)
	work <- 1
	cancel()
}
