package zoo

import (
	"io"
	"net/http"
)

// A client made per call: each call builds its own Transport, whose idle
// keep-alive connection is never closed (no IdleConnTimeout) and never reused
// (nobody holds the Transport any more). Each call leaves an idle connection
// with its read and write loops, and a server connection goroutine, for ever:
// LEAK (net/http.(*persistConn).readLoop in IO wait).

// probeHealth checks a dependency with a fresh client, closing the body
// properly — the leak is the Transport, not the body.
func probeHealth(url string) bool {
	client := &http.Client{Transport: &http.Transport{}} // BUG: one Transport per call
	resp, err := client.Get(url)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode == http.StatusOK
}

// StartTransportLeak returns a call that leaks one idle connection.
func StartTransportLeak(url string) func() {
	return func() { _ = probeHealth(url) }
}
