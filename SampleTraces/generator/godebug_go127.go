//go:build go1.27

//go:debug default=go1.27

package main

// go.mod says "go 1.19" so that Debian's Go 1.19 can build this module, but
// the go line also selects the GODEBUG defaults of the binary: without this
// directive a Go 1.27 build would behave like Go 1.19 where settings changed
// since (e.g. tracebacklabels=0: no pprof labels in goroutine headers;
// asynctimerchan=1). The directive restores Go 1.27's own defaults when this
// file is compiled, i.e. only by a Go 1.27+ toolchain.
