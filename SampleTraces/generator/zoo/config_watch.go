package zoo

import (
	"sync"
	"time"
)

// A config watcher: one goroutine per process ranging over a subscription
// channel. On a healthy instance there is exactly one, woken now and then by
// an update. On a faulty instance every reload subscribes again, and a lookup
// bug hands the new watcher a nil channel: each reload leaves one more
// watcher blocked forever at the same line (chan receive (nil chan)). Both
// instances share the watcher's stack; only the faulty one leaks.

// ConfigUpdate is one configuration change.
type ConfigUpdate struct{ Version int }

// ConfigHub hands out subscription channels by topic.
type ConfigHub struct {
	mu     sync.Mutex
	topics map[string]chan ConfigUpdate
}

// NewConfigHub makes a hub with the "service" topic.
func NewConfigHub() *ConfigHub {
	return &ConfigHub{topics: map[string]chan ConfigUpdate{"service": make(chan ConfigUpdate)}}
}

// Subscribe returns the topic's channel; for an unknown topic the map lookup
// yields a nil channel, the bug the faulty instance hits.
func (h *ConfigHub) Subscribe(topic string) chan ConfigUpdate {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.topics[topic]
}

// watchConfig applies updates until the channel is closed.
func watchConfig(updates <-chan ConfigUpdate, applied *int) {
	for u := range updates {
		*applied = u.Version
	}
}

// publishUpdates sends an update on the topic every `every`.
func publishUpdates(ch chan<- ConfigUpdate, every time.Duration) {
	for v := 1; ; v++ {
		time.Sleep(every)
		ch <- ConfigUpdate{Version: v}
	}
}

// StartConfigWatcher starts the one healthy watcher and its publisher.
func StartConfigWatcher(h *ConfigHub, updateEvery time.Duration) {
	var applied int
	ch := h.Subscribe("service")
	go watchConfig(ch, &applied)
	go publishUpdates(ch, updateEvery)
}

// reloadConfig re-subscribes on every reload under a misspelt topic name.
func reloadConfig(h *ConfigHub, every time.Duration) {
	for {
		time.Sleep(every)
		var applied int
		go watchConfig(h.Subscribe("servcie"), &applied) // BUG: typo, nil channel
	}
}

// StartConfigReloads starts the faulty reload loop.
func StartConfigReloads(h *ConfigHub, every time.Duration) {
	go reloadConfig(h, every)
}
