package zoo

// A consumer ranges over a channel that its producer forgets to close. Once
// the producer is gone, the consumer blocks in "chan receive" forever.

// Event is one item of an event stream.
type Event struct{ ID int }

// leakyRecv drains events until the channel is closed, which never happens:
// LEAK (chan receive).
func leakyRecv(events <-chan Event, processed *int) {
	for ev := range events {
		*processed += ev.ID
	}
}

// produceEvents sends a few events and returns without close(events).
func produceEvents(events chan<- Event, n int) {
	for i := 0; i < n; i++ {
		events <- Event{ID: i}
	}
	// BUG: missing close(events)
}

func startRecvLeaks(n int) {
	for i := 0; i < n; i++ {
		events := make(chan Event)
		var processed int
		go leakyRecv(events, &processed)
		produceEvents(events, 3)
	}
}

// StartRecvLeak starts one receive leak (used by the serve mode).
func StartRecvLeak() {
	events := make(chan Event)
	var processed int
	go leakyRecv(events, &processed)
	produceEvents(events, 2)
}
