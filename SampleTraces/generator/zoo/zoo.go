// Package zoo starts goroutines in well-known shapes: leaks (goroutines that
// will never finish) beside healthy ones (goroutines that come and go or wait
// for work that keeps arriving). Every shape lives in its own file with a
// descriptive function name, so that a goroutine dump names the culprit in the
// first user frame of each stack.
//
// The package only starts goroutines; capturing dumps is the caller's job.
package zoo

import "time"

// Config selects which shapes Start launches and how many of each.
type Config struct {
	// Copies is how many goroutines each leak shape starts (at least 1).
	Copies int
	// Timers enables the shapes that keep runtime timers alive (the ticker
	// leak, the select loop with a ticker, the sleeper, bursts). A program
	// with live timers never reports "all goroutines are asleep", so the
	// deadlock mode turns them off (and HTTP, whose client sleeps).
	Timers bool
	// Moving enables shapes whose goroutines keep changing: bursts of
	// short-lived goroutines, a dispatcher feeding the worker pool and an
	// HTTP client that keeps issuing requests. With Moving false the world
	// settles: every zoo goroutine ends up parked, so dumps taken one after
	// another show the same goroutines in the same states.
	Moving bool
	// HTTP starts a net/http server on 127.0.0.1:0 and a keep-alive client.
	HTTP bool
	// Labels starts the labelled leak (pprof labels handler=/export).
	Labels bool
}

// Zoo holds what the caller may need after Start: the address of the HTTP
// server (empty without Config.HTTP).
type Zoo struct {
	HTTPAddr string
}

// Start launches the configured shapes and returns once every long-lived
// goroutine has been started and has had time to park.
func Start(cfg Config) *Zoo {
	if cfg.Copies < 1 {
		cfg.Copies = 1
	}
	z := &Zoo{}

	// Leaks that need no timer: safe in the deadlock mode too.
	startSendLeaks(cfg.Copies)
	startRecvLeaks(cfg.Copies)
	startMutexLeaks(cfg.Copies)
	startWaitGroupLeaks(cfg.Copies)
	startNilChanLeaks(cfg.Copies)
	startSelectForeverLeaks(cfg.Copies)
	if cfg.Labels {
		startExportLeaks(cfg.Copies)
	}

	// Healthy shapes without timers.
	startWorkerPool(4, cfg.Moving)

	if cfg.Timers {
		startSelectLoopLeaks(cfg.Copies)
		startTickerLeaks(cfg.Copies)
		startSleeper()
		if cfg.Moving {
			startBursts()
		}
	}
	if cfg.HTTP {
		z.HTTPAddr = startHTTP(cfg.Moving)
	}

	// Every shape is started synchronously; its goroutines park within
	// microseconds. The send leaks give up after a short timeout; wait until every worker
	// has tried to deliver its result and every goroutine has parked.
	time.Sleep(sendLeakSettle)
	return z
}
