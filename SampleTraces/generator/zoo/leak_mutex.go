package zoo

import (
	"errors"
	"sync"
)

// A cache update returns early on an error path without unlocking its mutex.
// Every later user of the cache blocks in mu.Lock() forever
// ("sync.Mutex.Lock" since Go 1.20, "semacquire" before).

// cache is a tiny mutex-protected map.
type cache struct {
	mu   sync.Mutex
	data map[string]int
}

var errBadValue = errors.New("cache: bad value")

// update forgets to unlock on its error path (the bug).
func (c *cache) update(key string, v int) error {
	c.mu.Lock()
	if v < 0 {
		return errBadValue // BUG: c.mu stays locked
	}
	c.data[key] = v
	c.mu.Unlock()
	return nil
}

// leakyMutexWaiter wants to read the cache: LEAK (sync.Mutex.Lock).
func leakyMutexWaiter(c *cache, key string, out *int) {
	c.mu.Lock()
	*out = c.data[key]
	c.mu.Unlock()
}

func startMutexLeaks(n int) {
	c := &cache{data: map[string]int{}}
	_ = c.update("poison", -1) // leaves c.mu locked
	for i := 0; i < n; i++ {
		var out int
		go leakyMutexWaiter(c, "k", &out)
	}
}

// A MutexLeaker holds one poisoned cache; each Leak call adds one waiter
// (used by the serve mode for a slow, steady mutex leak).
type MutexLeaker struct{ c *cache }

// NewMutexLeaker returns a leaker whose cache mutex is already stuck.
func NewMutexLeaker() *MutexLeaker {
	c := &cache{data: map[string]int{}}
	_ = c.update("poison", -1)
	return &MutexLeaker{c: c}
}

// Leak starts one goroutine that blocks on the stuck mutex.
func (m *MutexLeaker) Leak() {
	var out int
	go leakyMutexWaiter(m.c, "k", &out)
}
