//go:build go1.25

package zoo

import (
	"os"
	"runtime"
	"testing"
	"testing/synctest"
	"time"
)

// These tests put leaks inside a testing/synctest bubble (Go 1.25+), where
// the runtime knows which goroutines are durably blocked. They are run one at
// a time by SampleTraces/generator/regenerate.sh and are expected to FAIL: the
// failure output is the sample.

// startBubbleLeaks starts a few leak shapes inside the current bubble.
func startBubbleLeaks() {
	_, _ = FetchWithTimeout("user:7", 10*time.Millisecond, 60*time.Millisecond)
	startRecvLeaks(2)
	StartTickerLeak(time.Second)
	startSelectForeverLeaks(1)
	go leakyWaitGroup(1, func() {})
}

// TestBubbleLeakExit dumps runtime.Stack(all) from inside the bubble once
// every other bubble goroutine is blocked (to $LEAKGEN_DUMP when set), then
// returns: synctest panics with "main bubble goroutine has exited but blocked
// goroutines remain" and lists the bubble's goroutines.
func TestBubbleLeakExit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		startBubbleLeaks()
		time.Sleep(time.Second) // fake time: lets the send leak settle
		synctest.Wait()
		if path := os.Getenv("LEAKGEN_DUMP"); path != "" {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			if err := os.WriteFile(path, buf[:n], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestBubbleDeadlock blocks the bubble's root goroutine in a WaitGroup that
// never reaches zero while every other bubble goroutine is durably blocked:
// "deadlock: all goroutines in bubble are blocked".
func TestBubbleDeadlock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, _ = FetchWithTimeout("user:9", 10*time.Millisecond, 60*time.Millisecond)
		startRecvLeaks(1)
		startSelectForeverLeaks(1)
		leakyWaitGroup(2, func() {})
	})
}

// TestBubbleMutexStuck adds a goroutine blocked on a mutex, which is not a
// durable block: synctest.Wait never returns, fake time never advances, and
// the whole test binary ends in "fatal error: all goroutines are asleep -
// deadlock!" listing bubble goroutines with their durable/non-durable states.
func TestBubbleMutexStuck(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		startBubbleLeaks()
		startMutexLeaks(1)
		synctest.Wait()
	})
}
