package zoo

// Channels that were declared but never made: a receive or send on a nil
// channel blocks forever ("chan receive (nil chan)", "chan send (nil chan)").

// notifier forgot to initialise its channel.
type notifier struct {
	ch chan string // BUG: never made
}

// leakyNilRecv waits for a notification on a nil channel: LEAK.
func leakyNilRecv(n *notifier) string {
	return <-n.ch
}

// leakyNilSend publishes on a nil channel: LEAK.
func leakyNilSend(n *notifier, msg string) {
	n.ch <- msg
}

func startNilChanLeaks(n int) {
	for i := 0; i < n; i++ {
		nt := &notifier{}
		go leakyNilRecv(nt)
		go leakyNilSend(nt, "hello")
	}
}
