package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/leakgen/zoo"
)

// faults runs a pprof server that misbehaves on purpose, for the tests of
// `leaktrail collect`: every fault lives under its own path prefix, in front
// of the standard pprof path, so one server gives one target per fault:
//
//	/ok/debug/pprof/goroutine?debug=2   a real dump of this process
//	/slow/...        sends nothing for -hang (a hung service)
//	/delayed/...     a real dump after -delay (a slow but healthy service)
//	/trickle/...     headers, then one byte a second (a body that never ends)
//	/status500/...   500 Internal Server Error
//	/truncated/...   Content-Length larger than the body, then the connection closes
//	/oversize/...    65 MiB of dump text, chunked (more than Go itself ever sends)
//	/declared/...    Content-Length of 100 MiB, then nothing
//	/html/...        200 with an HTML login page (not a dump)
//	/redirect-same/...   302 to /ok/... on the same host (followed)
//	/redirect-other/...  302 to the same server as "localhost" (another host)
//	/auth/...        401 unless "Authorization: Bearer TOKEN" (-token)
//	/flaky/...       503 for the first -flaky requests, then a real dump
//	/fixed/...       the bytes of -dump FILE (the benchmark's fake)
//
// With -log FILE every request is appended to FILE as one JSON line
// {"prefix":"…","url":"…","headers":{…}} as it arrives, for tests to read.
// With -tls-dir DIR it also serves the same paths over TLS and requires a
// client certificate; DIR receives ca.pem, client.pem and client-key.pem.
// With -proxy it also runs a forward HTTP proxy that answers absolute-form
// requests itself with a real dump and tunnels CONNECT to loopback only.
// Ready lines on stdout: "ready http://…", "ready-tls https://…",
// "ready-proxy http://…". Everything listens on 127.0.0.1 only.

func init() {
	register(mode{"faults", "[flags]", "pprof server with a fault per path prefix (collect tests)", runFaults})
}

type faultServer struct {
	hang      time.Duration
	delay     time.Duration
	token     string
	flakyLeft int
	fixed     []byte
	base      string // this server's own http://127.0.0.1:PORT

	mu  sync.Mutex
	log *os.File
}

func runFaults(args []string) error {
	fs := flag.NewFlagSet("faults", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address (127.0.0.1 only)")
	hang := fs.Duration("hang", 60*time.Second, "how long /slow and /trickle hold a request")
	delay := fs.Duration("delay", 1500*time.Millisecond, "how long /delayed thinks before it answers")
	token := fs.String("token", "", "bearer token /auth requires")
	flaky := fs.Int("flaky", 3, "requests /flaky fails before it answers")
	dump := fs.String("dump", "", "file /fixed serves")
	tlsDir := fs.String("tls-dir", "", "also serve TLS with client certificates; write the CA and client certificate here")
	proxy := fs.Bool("proxy", false, "also run a forward HTTP proxy")
	logPath := fs.String("log", "", "append one JSON line per request here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s := &faultServer{hang: *hang, delay: *delay, token: *token, flakyLeft: *flaky}
	if *logPath != "" {
		f, err := os.OpenFile(*logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		s.log = f
	}
	if *dump != "" {
		b, err := os.ReadFile(*dump)
		if err != nil {
			return err
		}
		s.fixed = b
	}
	zoo.StartWorkerPool(4, 50*time.Millisecond) // something to see in the dumps
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	s.base = "http://" + ln.Addr().String()
	go func() { _ = http.Serve(ln, s) }()
	fmt.Printf("ready %s\n", s.base)
	if *tlsDir != "" {
		tlsBase, err := s.serveTLS(*tlsDir)
		if err != nil {
			return err
		}
		fmt.Printf("ready-tls %s\n", tlsBase)
	}
	if *proxy {
		pln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		go func() { _ = http.Serve(pln, http.HandlerFunc(s.proxy)) }()
		fmt.Printf("ready-proxy http://%s\n", pln.Addr().String())
	}
	select {}
}

// ServeHTTP routes on the first path segment.
func (s *faultServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	prefix := strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 2)[0]
	s.record(prefix, r)
	s.mu.Lock()
	flakyFail := prefix == "flaky" && s.flakyLeft > 0
	if flakyFail {
		s.flakyLeft--
	}
	s.mu.Unlock()
	switch prefix {
	case "ok":
		writeDump(w, r)
	case "slow":
		time.Sleep(s.hang)
	case "delayed":
		time.Sleep(s.delay)
		writeDump(w, r)
	case "trickle":
		trickle(w, s.hang)
	case "status500":
		http.Error(w, "internal error: database unavailable", http.StatusInternalServerError)
	case "truncated":
		truncated(w)
	case "oversize":
		oversize(w)
	case "declared":
		w.Header().Set("Content-Length", strconv.Itoa(100<<20))
		w.WriteHeader(http.StatusOK)
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in to continue</body></html>\n")
	case "redirect-same":
		http.Redirect(w, r, "/ok/debug/pprof/goroutine?debug=2", http.StatusFound)
	case "redirect-other":
		other := strings.Replace(s.base, "127.0.0.1", "localhost", 1)
		http.Redirect(w, r, other+"/ok/debug/pprof/goroutine?debug=2", http.StatusFound)
	case "auth":
		if s.token == "" || r.Header.Get("Authorization") != "Bearer "+s.token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		writeDump(w, r)
	case "flaky":
		if flakyFail {
			http.Error(w, "warming up", http.StatusServiceUnavailable)
			return
		}
		writeDump(w, r)
	case "fixed":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write(s.fixed)
	default:
		http.NotFound(w, r)
	}
}

// writeDump answers like net/http/pprof's goroutine handler, gzip-encoded
// when the client accepts it (pprof itself never compresses text; proxies
// in front of it do).
func writeDump(w http.ResponseWriter, r *http.Request) {
	debug, _ := strconv.Atoi(r.URL.Query().Get("debug"))
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, debug); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if debug == 0 {
		w.Header().Set("Content-Type", "application/octet-stream")
	} else {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		_, _ = zw.Write(buf.Bytes())
		_ = zw.Close()
		return
	}
	_, _ = w.Write(buf.Bytes())
}

func trickle(w http.ResponseWriter, hang time.Duration) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	f, _ := w.(http.Flusher)
	end := time.Now().Add(hang)
	for time.Now().Before(end) {
		if _, err := io.WriteString(w, "g"); err != nil {
			return
		}
		if f != nil {
			f.Flush()
		}
		time.Sleep(time.Second)
	}
}

// truncated promises a long body, sends the start of a real dump and hangs up.
func truncated(w http.ResponseWriter) {
	var buf bytes.Buffer
	_ = pprof.Lookup("goroutine").WriteTo(&buf, 2)
	conn, rw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	half := buf.Bytes()[:buf.Len()/2]
	fmt.Fprintf(rw, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n", buf.Len()*4)
	_, _ = rw.Write(half)
	_ = rw.Flush()
}

// oversize streams 65 MiB of well-formed goroutine blocks.
func oversize(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	bw := bufio.NewWriterSize(w, 1<<16)
	block := "goroutine %d [chan receive]:\nmain.wait()\n\t/src/main.go:10 +0x1d\ncreated by main.main\n\t/src/main.go:5 +0x25\n\n"
	written := 0
	for id := 1; written < 65<<20; id++ {
		n, err := fmt.Fprintf(bw, block, id)
		if err != nil {
			return
		}
		written += n
	}
	_ = bw.Flush()
}

// record appends the request to the -log file.
func (s *faultServer) record(prefix string, r *http.Request) {
	if s.log == nil {
		return
	}
	line, _ := json.Marshal(map[string]interface{}{"prefix": prefix, "url": r.URL.String(), "headers": r.Header})
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _ = s.log.Write(append(line, '\n'))
}

// proxy answers absolute-form requests itself (so no request leaves this
// machine) and tunnels CONNECT to loopback addresses only.
func (s *faultServer) proxy(w http.ResponseWriter, r *http.Request) {
	s.record("proxy", r)
	if r.Method == http.MethodConnect {
		tunnel(w, r)
		return
	}
	if !r.URL.IsAbs() {
		http.Error(w, "not a proxy request", http.StatusBadRequest)
		return
	}
	w.Header().Set("Via", "1.1 leakgen-proxy")
	writeDump(w, r)
}

func tunnel(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		http.Error(w, "this test proxy tunnels to loopback only", http.StatusForbidden)
		return
	}
	up, err := net.DialTimeout("tcp", r.Host, 5*time.Second)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn, rw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		up.Close()
		return
	}
	_, _ = io.WriteString(rw, "HTTP/1.1 200 Connection established\r\n\r\n")
	_ = rw.Flush()
	go func() { _, _ = io.Copy(up, rw); up.Close() }()
	_, _ = io.Copy(conn, up)
	conn.Close()
}

// serveTLS serves the same handler over TLS, requiring a client certificate
// signed by a CA made here; the CA and a client certificate go to dir.
func (s *faultServer) serveTLS(dir string) (string, error) {
	caKey, caCert, caDER, err := makeCA()
	if err != nil {
		return "", err
	}
	serverCert, err := leaf(caKey, caCert, "leakgen-faults", x509.ExtKeyUsageServerAuth)
	if err != nil {
		return "", err
	}
	client, err := leaf(caKey, caCert, "leaktrail-collect", x509.ExtKeyUsageClientAuth)
	if err != nil {
		return "", err
	}
	if err := writePEM(filepath.Join(dir, "ca.pem"), "CERTIFICATE", caDER); err != nil {
		return "", err
	}
	if err := writePEM(filepath.Join(dir, "client.pem"), "CERTIFICATE", client.Certificate[0]); err != nil {
		return "", err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(client.PrivateKey)
	if err != nil {
		return "", err
	}
	if err := writePEM(filepath.Join(dir, "client-key.pem"), "PRIVATE KEY", keyDER); err != nil {
		return "", err
	}
	pool := x509.NewCertPool()
	pool.AddCert(caCert)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
		Certificates: []tls.Certificate{serverCert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    pool,
		MinVersion:   tls.VersionTLS12,
	})
	if err != nil {
		return "", err
	}
	go func() { _ = http.Serve(ln, s) }()
	return "https://" + ln.Addr().String(), nil
}

func makeCA() (*ecdsa.PrivateKey, *x509.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "leakgen test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return key, cert, der, err
}

func leaf(caKey *ecdsa.PrivateKey, ca *x509.Certificate, name string, usage x509.ExtKeyUsage) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{usage},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

func writePEM(path, kind string, der []byte) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600)
}
