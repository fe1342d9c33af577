package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"example.com/leakgen/zoo"
)

// Modes that start the zoo and capture one dump in one flavour.

func init() {
	register(mode{"stack", "[FILE]", "zoo, then runtime.Stack(buf, true)", runStack})
	register(mode{"debug2", "[FILE]", "zoo, then goroutine profile WriteTo(w, 2)", runDebug2})
	register(mode{"panic", "", "zoo, then an unrecovered panic (set GOTRACEBACK)", runPanic})
	register(mode{"deadlock", "", "timer-free zoo, then main blocks: fatal deadlock", runDeadlock})
	register(mode{"wait", "", `zoo, print "ready" on stdout, block (for kill -QUIT)`, runWait})
	register(mode{"labels", "[FILE]", "zoo + labelled requests, goroutine WriteTo(w, 2)", runLabels})
	register(mode{"leakprof", "[FILE]", "zoo, then goroutineleak WriteTo(w, 2) (Go 1.26+)", runLeakProf})
}

func runStack(args []string) error {
	zoo.Start(fullZoo)
	return withOutput(argOr(args, 0, "-"), func(w io.Writer) error {
		_, err := w.Write(runtimeStackAll())
		return err
	})
}

func runDebug2(args []string) error {
	zoo.Start(fullZoo)
	return withOutput(argOr(args, 0, "-"), func(w io.Writer) error {
		return writeProfile(w, "goroutine", 2)
	})
}

// crashingHandler stands for request-handling code with a bug: it writes to
// a nil map, which panics with "assignment to entry in nil map".
func crashingHandler(orderID int) {
	var perOrder map[int]int // BUG: never made
	perOrder[orderID]++
}

func runPanic(args []string) error {
	zoo.Start(fullZoo)
	go crashingHandler(1042)
	time.Sleep(time.Minute) // the panic ends the process long before
	return nil
}

func runDeadlock(args []string) error {
	zoo.Start(deadlockZoo)
	// Every zoo goroutine is blocked for good; blocking main as well leaves
	// nothing runnable and no timer pending, so the runtime reports
	// "fatal error: all goroutines are asleep - deadlock!".
	blockMainForever()
	return nil
}

// blockMainForever waits on a channel nobody will ever send on.
func blockMainForever() {
	<-make(chan struct{})
}

func runWait(args []string) error {
	zoo.Start(fullZoo)
	fmt.Fprintln(os.Stdout, "ready")
	os.Stdout.Sync()
	time.Sleep(10 * time.Minute) // a SIGQUIT ends the process long before
	return fmt.Errorf("no signal received")
}

func runLabels(args []string) error {
	zoo.Start(fullZoo)
	zoo.StartLabelledRequests()
	return withOutput(argOr(args, 0, "-"), func(w io.Writer) error {
		return writeProfile(w, "goroutine", 2)
	})
}

func runLeakProf(args []string) error {
	zoo.Start(fullZoo)
	return withOutput(argOr(args, 0, "-"), func(w io.Writer) error {
		// The goroutineleak profile runs a leak-detecting GC itself.
		return writeProfile(w, "goroutineleak", 2)
	})
}
