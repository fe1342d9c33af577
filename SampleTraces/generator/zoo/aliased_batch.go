package zoo

import "time"

// A batch released every flushEvery, one member joining every joinEvery. When
// the capture interval is close to flushEvery, each capture catches the batch
// a little later in its cycle than the one before, so the count climbs slowly
// and steadily from capture to capture — yet no member survives from one
// capture to the next: sampling that aliases a periodic release, NOT a leak.

// awaitFlush is one batch member: it waits until its batch is released.
func awaitFlush(release <-chan struct{}, order int) {
	<-release
	_ = order
}

// flushLoop admits members and releases the batch on schedule.
func flushLoop(joinEvery, flushEvery time.Duration) {
	release := make(chan struct{})
	join := time.NewTicker(joinEvery)
	flush := time.NewTicker(flushEvery)
	defer join.Stop()
	defer flush.Stop()
	for order := 0; ; {
		select {
		case <-join.C:
			order++
			go awaitFlush(release, order)
		case <-flush.C:
			close(release)
			release = make(chan struct{})
		}
	}
}

// StartAliasedBatch starts the batch loop.
func StartAliasedBatch(joinEvery, flushEvery time.Duration) {
	go flushLoop(joinEvery, flushEvery)
}
