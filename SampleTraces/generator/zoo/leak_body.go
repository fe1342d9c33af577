package zoo

import "net/http"

// A response body that is never closed: the transport cannot reuse or close
// the connection, so its read loop waits for the body to be read, its write
// loop for the next request, and the server's connection goroutine for the
// next request too — three goroutines per call that never end. No user code
// is on their stacks: LEAK (net/http.(*persistConn).readLoop et al.).

// fetchPrice asks for a price and reads only the status line.
func fetchPrice(client *http.Client, url string) int {
	resp, err := client.Get(url)
	if err != nil {
		return 0
	}
	return resp.StatusCode // BUG: resp.Body is never closed
}

// StartBodyLeak returns a call that leaks one connection on client.
func StartBodyLeak(client *http.Client, url string) func() {
	return func() { _ = fetchPrice(client, url) }
}
