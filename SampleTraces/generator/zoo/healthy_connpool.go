package zoo

import (
	"math/rand"
	"time"
)

// A connection pool bounded by a semaphore: a dialer opens one connection
// every dialEvery until maxConns are open, then blocks on the semaphore
// ("chan send") until a connection retires. Connections live for a random
// lifetime and serve requests meanwhile. The goroutine count grows to the
// bound and then stays there: growth that is NOT a leak.

type poolRequest struct{ done chan int }

// ConnPool is the state shared by the dialer, connections and client.
type ConnPool struct {
	sem  chan struct{} // one slot per open connection
	reqs chan poolRequest
}

// connPoolDialer keeps the pool full.
func connPoolDialer(p *ConnPool, dialEvery, minLife, maxLife time.Duration) {
	for {
		p.sem <- struct{}{} // blocks while the pool is full
		life := minLife + time.Duration(rand.Int63n(int64(maxLife-minLife)))
		go pooledConn(p, life)
		time.Sleep(dialEvery)
	}
}

// pooledConn serves requests until its lifetime ends, then frees its slot.
func pooledConn(p *ConnPool, lifetime time.Duration) {
	defer func() { <-p.sem }()
	retire := time.After(lifetime)
	for {
		select {
		case r := <-p.reqs:
			r.done <- 1
		case <-retire:
			return
		}
	}
}

// connPoolClient sends one request through the pool every `every`.
func connPoolClient(p *ConnPool, every time.Duration) {
	for {
		r := poolRequest{done: make(chan int, 1)}
		p.reqs <- r
		<-r.done
		time.Sleep(every)
	}
}

// StartConnPool starts a pool of up to maxConns connections.
func StartConnPool(maxConns int, dialEvery, minLife, maxLife time.Duration) {
	p := &ConnPool{sem: make(chan struct{}, maxConns), reqs: make(chan poolRequest)}
	go connPoolDialer(p, dialEvery, minLife, maxLife)
	go connPoolClient(p, 50*time.Millisecond)
}
