package zoo

import (
	"math/rand"
	"sync"
	"time"
)

// Bursts of short-lived goroutines: a fan-out that starts size tasks, each
// sleeping briefly, and waits for them. The goroutine count jumps and falls
// back; nothing stays.

// shortTask simulates a quick piece of work.
func shortTask(d time.Duration, wg *sync.WaitGroup) {
	defer wg.Done()
	time.Sleep(d)
}

// fanOutBurst starts size short tasks and waits for all of them.
func fanOutBurst(size int, maxSleep time.Duration) {
	var wg sync.WaitGroup
	wg.Add(size)
	for i := 0; i < size; i++ {
		go shortTask(time.Duration(rand.Int63n(int64(maxSleep))), &wg)
	}
	wg.Wait()
}

// burstLoop runs a burst every `every`.
func burstLoop(size int, every, maxSleep time.Duration) {
	for {
		fanOutBurst(size, maxSleep)
		time.Sleep(every)
	}
}

func startBursts() {
	go burstLoop(10, 20*time.Millisecond, 30*time.Millisecond)
}

// StartBursts starts a burst loop (used by the serve mode).
func StartBursts(size int, every, maxSleep time.Duration) {
	go burstLoop(size, every, maxSleep)
}
