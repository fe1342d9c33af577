package main

import (
	"os"
	"runtime"
	"sync"
	"time"
)

// bigdump starts N goroutines blocked at various depths in a few dozen distinct call
// paths — the shape of a large production process — and writes runtime.Stack(all) to
// FILE. leaktrail's parse benchmark reads it (SampleTraces/bench/).
func init() {
	register(mode{name: "bigdump", usage: "N FILE", help: "N goroutines with deep, varied stacks; runtime.Stack(all) to FILE", run: runBigDump})
}

func runBigDump(args []string) error {
	n, file, err := countAndFile("bigdump", args)
	if err != nil {
		return err
	}
	var started sync.WaitGroup
	// Two channels that never pair: receivers wait on one nobody sends to, senders on one
	// nobody receives from.
	block := [2]chan int{make(chan int), make(chan int)}
	var mu sync.Mutex
	mu.Lock()
	for i := 0; i < n; i++ {
		started.Add(1)
		go bigWorker(i, &started, block, &mu)
	}
	started.Wait()
	time.Sleep(200 * time.Millisecond) // let every goroutine park
	buf := make([]byte, 1<<20)
	for {
		m := runtime.Stack(buf, true)
		if m < len(buf) {
			buf = buf[:m]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	return os.WriteFile(file, buf, 0o644)
}

// bigWorker descends a depth chosen from its index through one of several call paths,
// then blocks in one of several ways, so that stacks vary in depth, path and leaf.
func bigWorker(i int, started *sync.WaitGroup, block [2]chan int, mu *sync.Mutex) {
	depth := 8 + (i*7919)%24
	switch i % 4 {
	case 0:
		handlerA(depth, i, started, block, mu)
	case 1:
		handlerB(depth, i, started, block, mu)
	case 2:
		serviceC(depth, i, started, block, mu)
	default:
		repoD(depth, i, started, block, mu)
	}
}

//go:noinline
func handlerA(d, i int, s *sync.WaitGroup, c [2]chan int, mu *sync.Mutex) {
	if d > 0 {
		handlerB(d-1, i, s, c, mu)
		return
	}
	leafBlock(i, s, c, mu)
}

//go:noinline
func handlerB(d, i int, s *sync.WaitGroup, c [2]chan int, mu *sync.Mutex) {
	if d > 0 {
		serviceC(d-1, i, s, c, mu)
		return
	}
	leafBlock(i, s, c, mu)
}

//go:noinline
func serviceC(d, i int, s *sync.WaitGroup, c [2]chan int, mu *sync.Mutex) {
	if d > 0 {
		if d%3 == 0 {
			repoD(d-1, i, s, c, mu)
		} else {
			handlerA(d-1, i, s, c, mu)
		}
		return
	}
	leafBlock(i, s, c, mu)
}

//go:noinline
func repoD(d, i int, s *sync.WaitGroup, c [2]chan int, mu *sync.Mutex) {
	if d > 0 {
		handlerA(d-1, i, s, c, mu)
		return
	}
	leafBlock(i, s, c, mu)
}

//go:noinline
func leafBlock(i int, s *sync.WaitGroup, c [2]chan int, mu *sync.Mutex) {
	s.Done()
	switch i % 5 {
	case 0:
		<-c[0]
	case 1:
		c[1] <- i
	case 2:
		select {
		case <-c[0]:
		case c[1] <- i:
		}
	case 3:
		mu.Lock()
	default:
		time.Sleep(time.Hour)
	}
}
