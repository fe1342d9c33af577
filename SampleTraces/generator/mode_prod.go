package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"example.com/leakgen/zoo"
)

// prod runs a service shaped like production traffic, for series that test
// whether a verdict can be trusted: load that ramps up, a batch whose release
// aliases with the capture interval, a config watcher that leaks on faulty
// instances only, singletons parked for ever, a lock-order deadlock, and
// leaks of the standard library's own goroutines (response bodies never
// closed, a Transport per call, rows never closed, contexts never cancelled).
// net/http/pprof is served on the same address (registered by mode_serve.go).

func init() {
	register(mode{"prod", "[flags]", "production-shaped service: ramping load, aliasing batches, stdlib leaks", runProd})
}

// prodConfig holds the prod mode's flags.
type prodConfig struct {
	addr                        string
	ramp                        zoo.RampConfig
	batchJoin, batchFlush       time.Duration
	configUpdates               time.Duration
	configReloadLeak            time.Duration
	deadlockReaders             int
	bodyPerMin, transportPerMin float64
	rowsPerMin, contextPerMin   float64
	pool                        int
}

func parseProdFlags(args []string) (prodConfig, error) {
	var c prodConfig
	fs := flag.NewFlagSet("prod", flag.ContinueOnError)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "listen address (127.0.0.1 only)")
	fs.Float64Var(&c.ramp.FromPerSec, "ramp-from", 2, "requests per second at the start (0: no load)")
	fs.Float64Var(&c.ramp.ToPerSec, "ramp-to", 20, "requests per second at the end of the ramp")
	fs.DurationVar(&c.ramp.Over, "ramp-over", 8*time.Minute, "duration of the ramp")
	fs.DurationVar(&c.ramp.Hold, "ramp-hold", 2500*time.Millisecond, "longest time a handler holds a request")
	fs.DurationVar(&c.batchJoin, "batch-join", 100*time.Millisecond, "aliasing batch: one member per interval (0: off)")
	fs.DurationVar(&c.batchFlush, "batch-flush", 9800*time.Millisecond, "aliasing batch: release period")
	fs.DurationVar(&c.configUpdates, "config-updates", 40*time.Second, "healthy config watcher: one update per interval")
	fs.DurationVar(&c.configReloadLeak, "config-reload-leak", 0, "faulty reloads: one leaked watcher per interval (0: off)")
	fs.IntVar(&c.deadlockReaders, "deadlock-readers", -1, "start a lock-order deadlock with N readers (-1: off)")
	fs.Float64Var(&c.bodyPerMin, "leak-body-per-min", 0, "responses whose body is never closed, per minute")
	fs.Float64Var(&c.transportPerMin, "leak-transport-per-min", 0, "calls with a Transport of their own, per minute")
	fs.Float64Var(&c.rowsPerMin, "leak-rows-per-min", 0, "queries whose rows are never closed, per minute")
	fs.Float64Var(&c.contextPerMin, "leak-context-per-min", 0, "contexts of a hand-written parent never cancelled, per minute")
	fs.IntVar(&c.pool, "pool", 6, "flat worker pool size")
	return c, fs.Parse(args)
}

func runProd(args []string) error {
	c, err := parseProdFlags(args)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	ramp := zoo.NewRampServer(http.DefaultServeMux, base)
	srv := &http.Server{Handler: http.DefaultServeMux} // no timeouts: idle connections stay
	go serveHTTP(srv, ln)

	// Healthy shapes.
	zoo.StartWorkerPool(c.pool, 50*time.Millisecond)
	zoo.StartSingletons()
	hub := zoo.NewConfigHub()
	zoo.StartConfigWatcher(hub, c.configUpdates)
	if c.ramp.FromPerSec > 0 {
		zoo.StartRampLoad(c.ramp, base)
	}
	if c.batchJoin > 0 {
		zoo.StartAliasedBatch(c.batchJoin, c.batchFlush)
	}
	if c.deadlockReaders >= 0 {
		zoo.StartDeadlock(c.deadlockReaders)
	}

	// Leaks.
	if c.configReloadLeak > 0 {
		zoo.StartConfigReloads(hub, c.configReloadLeak)
	}
	root, cancel := context.WithCancel(context.Background()) // the process's lifetime
	defer cancel()
	go leakDriver(c.bodyPerMin, zoo.StartBodyLeak(ramp.Downstream, base+"/api/stock"))
	go leakDriver(c.transportPerMin, zoo.StartTransportLeak(base+"/api/stock"))
	go leakDriver(c.rowsPerMin, zoo.StartRowsLeak(root))
	go leakDriver(c.contextPerMin, zoo.StartContextLeak())

	fmt.Fprintf(os.Stdout, "ready %s\n", base)
	select {} // serve until killed
}
