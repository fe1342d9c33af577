package zoo

import (
	"io"
	"net"
	"net/http"
	"time"
)

// A net/http server on 127.0.0.1:0 and a client that talks to it over one
// keep-alive connection. This gives the usual healthy net/http goroutines:
// the accept loop and per-connection goroutines in "IO wait", and the
// client transport's persistConn readLoop / writeLoop in "IO wait" / "select".

// helloHandler answers every request with a short body.
func helloHandler(w http.ResponseWriter, r *http.Request) {
	_, _ = io.WriteString(w, "hello\n")
}

// keepAliveClient issues GET requests over a keep-alive connection. With
// moving it loops forever; otherwise it makes a few requests and returns,
// leaving the idle connection (and its goroutines) parked.
func keepAliveClient(url string, moving bool, ready chan<- struct{}) {
	tr := &http.Transport{MaxIdleConnsPerHost: 1, IdleConnTimeout: 0}
	client := &http.Client{Transport: tr}
	for i := 0; moving || i < 3; i++ {
		resp, err := client.Get(url)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if i == 2 {
			close(ready)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serveHTTP runs the accept loop until the listener is closed.
func serveHTTP(srv *http.Server, ln net.Listener) {
	_ = srv.Serve(ln)
}

// startHTTP starts the server and the client and returns the server address.
func startHTTP(moving bool) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", helloHandler)
	srv := &http.Server{Handler: mux}
	go serveHTTP(srv, ln)
	ready := make(chan struct{})
	go keepAliveClient("http://"+ln.Addr().String()+"/hello", moving, ready)
	<-ready
	return ln.Addr().String()
}
