package main

import (
	"os"
	"sync"
	"time"
)

// shallow starts N goroutines with short stacks — 2 to 5 frames each, the shape of a
// server with one goroutine per connection or queued job — and writes
// runtime.Stack(all) to FILE: the same text as /debug/pprof/goroutine?debug=2 without
// its 64 MiB cap. leaktrail's benchmark makes its 200 MB shallow dump with
// `leakgen shallow 450000 FILE`; per goroutine it costs the parser the header, the
// frames and the created-by pair, with little text in between.
func init() {
	register(mode{name: "shallow", usage: "N FILE", help: "N goroutines with 2-5 frames each; runtime.Stack(all) to FILE", run: runShallow})
}

func runShallow(args []string) error {
	n, file, err := countAndFile("shallow", args)
	if err != nil {
		return err
	}
	shallowMu.Lock()
	for i := 0; i < n; i++ {
		shallowStarted.Add(1)
		go shallowConn(i)
	}
	shallowStarted.Wait()
	time.Sleep(200 * time.Millisecond) // let every goroutine park
	return os.WriteFile(file, runtimeStackAll(), 0o644)
}

// What the shallow goroutines block on: package variables, so that frames carry short
// argument lists, as most real frames do.
var (
	shallowStarted sync.WaitGroup
	shallowRecv    = make(chan int) // nobody sends
	shallowSend    = make(chan int) // nobody receives
	shallowMu      sync.Mutex       // held for ever
)

// shallowConn is the goroutine's entry frame; it goes 0 to 3 calls deeper before it
// blocks, so that stacks have 2 to 5 frames.
func shallowConn(i int) {
	switch i % 4 {
	case 0:
		shallowBlock(i)
	case 1:
		shallowRead(i)
	case 2:
		shallowServe(i)
	default:
		shallowDispatch(i)
	}
}

//go:noinline
func shallowDispatch(i int) { shallowServe(i) }

//go:noinline
func shallowServe(i int) { shallowRead(i) }

//go:noinline
func shallowRead(i int) { shallowBlock(i) }

// shallowBlock parks the goroutine in one of four ways, so that wait reasons vary.
//
//go:noinline
func shallowBlock(i int) {
	shallowStarted.Done()
	switch (i / 4) % 4 {
	case 0:
		<-shallowRecv
	case 1:
		shallowSend <- i
	case 2:
		shallowMu.Lock()
	default:
		select {
		case <-shallowRecv:
		case shallowSend <- i:
		}
	}
}
