package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/ on http.DefaultServeMux
	"os"
	"runtime/pprof"
	"time"

	"example.com/leakgen/zoo"
)

// serve runs a long-lived service for time series: net/http/pprof on
// 127.0.0.1:PORT, healthy shapes that grow and shrink, and leaks at
// configurable rates (goroutines per minute).

func init() {
	register(mode{"serve", "[flags]", "HTTP service with net/http/pprof, healthy shapes and timed leaks", runServe})
}

// serveConfig holds the serve mode's flags.
type serveConfig struct {
	addr                       string
	sendPerMin, recvPerMin     float64
	tickerPerMin, mutexPerMin  float64
	selectPerMin               float64
	poolSize, connPoolMax      int
	sawtoothAdd, sawtoothFlush time.Duration
	burstSize                  int
	burstEvery                 time.Duration
}

func parseServeFlags(args []string) (serveConfig, error) {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "listen address (127.0.0.1 only)")
	fs.Float64Var(&c.sendPerMin, "leak-send-per-min", 0, "leakySend goroutines per minute (via GET /api/search)")
	fs.Float64Var(&c.recvPerMin, "leak-recv-per-min", 0, "leakyRecv goroutines per minute")
	fs.Float64Var(&c.tickerPerMin, "leak-ticker-per-min", 0, "leakyTicker goroutines per minute")
	fs.Float64Var(&c.mutexPerMin, "leak-mutex-per-min", 0, "leakyMutexWaiter goroutines per minute")
	fs.Float64Var(&c.selectPerMin, "leak-select-per-min", 0, "leakySelectLoop goroutines per minute")
	fs.IntVar(&c.poolSize, "pool", 8, "flat worker pool size")
	fs.IntVar(&c.connPoolMax, "connpool-max", 40, "bound of the connection pool")
	fs.DurationVar(&c.sawtoothAdd, "sawtooth-add", 500*time.Millisecond, "sawtooth: one waiter per interval")
	fs.DurationVar(&c.sawtoothFlush, "sawtooth-flush", 20*time.Second, "sawtooth: release period")
	fs.IntVar(&c.burstSize, "burst-size", 20, "goroutines per burst")
	fs.DurationVar(&c.burstEvery, "burst-every", 2*time.Second, "pause between bursts")
	return c, fs.Parse(args)
}

// searchHandler serves GET /api/search under the pprof label
// handler=/api/search. It calls a slow backend with a 10 ms timeout; every
// timed-out call leaks one leakySend goroutine, labelled like the request.
func searchHandler(w http.ResponseWriter, r *http.Request) {
	pprof.Do(r.Context(), pprof.Labels("handler", "/api/search"), func(context.Context) {
		if _, err := zoo.FetchWithTimeout(r.URL.Query().Get("q"), 10*time.Millisecond, 50*time.Millisecond); err != nil {
			http.Error(w, err.Error(), http.StatusGatewayTimeout)
			return
		}
		_, _ = io.WriteString(w, "ok\n")
	})
}

// serveHTTP runs the HTTP server until the process ends.
func serveHTTP(srv *http.Server, ln net.Listener) {
	_ = srv.Serve(ln)
}

// leakDriver calls fn perMin times a minute, forever (no-op when perMin <= 0).
func leakDriver(perMin float64, fn func()) {
	if perMin <= 0 {
		return
	}
	t := time.NewTicker(time.Duration(float64(time.Minute) / perMin))
	defer t.Stop()
	for range t.C {
		fn()
	}
}

// searchClient requests /api/search on this very server over keep-alive.
func searchClient(base string) func() {
	client := &http.Client{}
	return func() {
		resp, err := client.Get(base + "/api/search?q=sku-42")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
}

func runServe(args []string) error {
	c, err := parseServeFlags(args)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	http.HandleFunc("/api/search", searchHandler)
	srv := &http.Server{Handler: http.DefaultServeMux}
	go serveHTTP(srv, ln)
	base := "http://" + ln.Addr().String()

	// Healthy shapes.
	zoo.StartWorkerPool(c.poolSize, 50*time.Millisecond)
	zoo.StartConnPool(c.connPoolMax, 3*time.Second, 90*time.Second, 150*time.Second)
	zoo.StartSawtooth(c.sawtoothAdd, c.sawtoothFlush)
	zoo.StartBursts(c.burstSize, c.burstEvery, 200*time.Millisecond)

	// Leaks, each driven at its own rate.
	mutexLeaker := zoo.NewMutexLeaker()
	go leakDriver(c.sendPerMin, searchClient(base))
	go leakDriver(c.recvPerMin, zoo.StartRecvLeak)
	go leakDriver(c.tickerPerMin, func() { zoo.StartTickerLeak(5 * time.Second) })
	go leakDriver(c.mutexPerMin, mutexLeaker.Leak)
	go leakDriver(c.selectPerMin, func() { zoo.StartSelectLoopLeak(2 * time.Second) })

	fmt.Fprintf(os.Stdout, "ready %s\n", base)
	select {} // serve until killed
}
