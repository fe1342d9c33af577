package zoo

import (
	"io"
	"math/rand"
	"net/http"
	"strconv"
	"time"
)

// Traffic that ramps up: requests arrive at a rate that rises linearly over
// the run, each one held for a few hundred milliseconds to a few seconds by
// its handler, which itself calls a downstream endpoint over a shared keep-
// alive client and reads the answer slowly. Every goroutine involved (the
// caller, the server's connection goroutine, the handler, the transport's
// read and write loops) lives for seconds, yet their number rises for the
// whole window because the load does: growth that is NOT a leak.

// RampConfig is the ramp's shape: from FromPerSec requests a second to
// ToPerSec over Over, then steady.
type RampConfig struct {
	FromPerSec, ToPerSec float64
	Over                 time.Duration
	// Hold is the longest time a handler keeps a request (uniform 0.3 s..Hold).
	Hold time.Duration
}

// RampServer holds the client that the orders handler uses downstream.
type RampServer struct {
	Base       string
	Downstream *http.Client
}

// NewRampServer registers /api/orders and /api/stock on mux.
func NewRampServer(mux *http.ServeMux, base string) *RampServer {
	s := &RampServer{Base: base, Downstream: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2, IdleConnTimeout: 30 * time.Second}}}
	mux.HandleFunc("/api/orders", s.handleOrder)
	mux.HandleFunc("/api/stock", handleStock)
	return s
}

// handleStock answers the downstream call at once.
func handleStock(w http.ResponseWriter, r *http.Request) {
	_, _ = io.WriteString(w, "in stock: 7\n")
}

// handleOrder holds the request for the time the caller asked (hold=ms),
// calling the stock endpoint midway and reading its answer slowly.
func (s *RampServer) handleOrder(w http.ResponseWriter, r *http.Request) {
	hold, _ := strconv.Atoi(r.URL.Query().Get("hold"))
	time.Sleep(time.Duration(hold/2) * time.Millisecond)
	lookUpStock(s.Downstream, s.Base+"/api/stock")
	time.Sleep(time.Duration(hold/2) * time.Millisecond)
	_, _ = io.WriteString(w, "order accepted\n")
}

// lookUpStock calls the stock service and reads the body after a pause, as a
// busy handler would: the transport's readLoop waits for the body meanwhile.
func lookUpStock(client *http.Client, url string) {
	resp, err := client.Get(url)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	time.Sleep(time.Duration(100+rand.Intn(300)) * time.Millisecond)
	_, _ = io.Copy(io.Discard, resp.Body)
}

// placeOrder is one in-flight request of the ramp.
func placeOrder(client *http.Client, url string) {
	resp, err := client.Get(url)
	if err != nil {
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// rampLoad issues requests at the ramp's current rate, forever.
func rampLoad(c RampConfig, base string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2, IdleConnTimeout: 30 * time.Second}}
	start := time.Now()
	for {
		f := float64(time.Since(start)) / float64(c.Over)
		if f > 1 {
			f = 1
		}
		rate := c.FromPerSec + (c.ToPerSec-c.FromPerSec)*f
		hold := 300 + rand.Intn(int(c.Hold/time.Millisecond)-300)
		go placeOrder(client, base+"/api/orders?hold="+strconv.Itoa(hold))
		// Poisson arrivals: exponential gaps at the current rate.
		time.Sleep(time.Duration(rand.ExpFloat64() / rate * float64(time.Second)))
	}
}

// StartRampLoad starts the load generator against base.
func StartRampLoad(c RampConfig, base string) {
	go rampLoad(c, base)
}
