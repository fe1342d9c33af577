package zoo

import "time"

// A batcher: every addEvery one more goroutine joins the current batch and
// waits for it to be flushed; every flushEvery the batch is released at once.
// The goroutine count is a sawtooth (0 -> flushEvery/addEvery -> 0): steady
// growth over one period that is NOT a leak.

// batchWaiter waits until its batch is flushed.
func batchWaiter(release <-chan struct{}, item int) {
	<-release
	_ = item
}

// batchCollector adds waiters and flushes them periodically.
func batchCollector(addEvery, flushEvery time.Duration) {
	release := make(chan struct{})
	add := time.NewTicker(addEvery)
	flush := time.NewTicker(flushEvery)
	defer add.Stop()
	defer flush.Stop()
	for item := 0; ; {
		select {
		case <-add.C:
			item++
			go batchWaiter(release, item)
		case <-flush.C:
			close(release)
			release = make(chan struct{})
		}
	}
}

// StartSawtooth starts the batcher.
func StartSawtooth(addEvery, flushEvery time.Duration) {
	go batchCollector(addEvery, flushEvery)
}
