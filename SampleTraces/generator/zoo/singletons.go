package zoo

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Goroutines that park forever by design, one of each: a keep-alive parked in
// select {}, a signal waiter, an idle condition waiter, a supervisor waiting
// on workers that never end, and a janitor sleeping for hours. Each is flat at
// one and ages for the whole life of the process: a fixed cost, NOT a leak.

// keepAlive holds the process open the way some libraries do.
func keepAlive() {
	select {}
}

// awaitShutdown waits for SIGUSR2, which never comes.
func awaitShutdown(sig <-chan os.Signal) {
	<-sig
}

// drainQueue waits for work on a condition that is signalled only on shutdown.
func drainQueue(c *sync.Cond, pending *int) {
	c.L.Lock()
	for *pending == 0 {
		c.Wait()
	}
	c.L.Unlock()
}

// superviseWorkers waits for workers that run as long as the process.
func superviseWorkers(wg *sync.WaitGroup) {
	wg.Wait()
}

// foreverWorker is one supervised worker: it ticks along for ever.
func foreverWorker(wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		time.Sleep(time.Second)
	}
}

// rotateLogs sleeps until the next rotation, hours away.
func rotateLogs() {
	for {
		time.Sleep(6 * time.Hour)
	}
}

// StartSingletons starts one of each.
func StartSingletons() {
	go keepAlive()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR2)
	go awaitShutdown(sig)
	var pending int
	go drainQueue(sync.NewCond(&sync.Mutex{}), &pending)
	var wg sync.WaitGroup
	wg.Add(1)
	go foreverWorker(&wg)
	go superviseWorkers(&wg)
	go rotateLogs()
}
