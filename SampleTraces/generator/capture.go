package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"example.com/leakgen/zoo"
)

// Zoo presets used by the modes.
var (
	// fullZoo: every shape, with moving healthy goroutines.
	fullZoo = zoo.Config{Copies: 3, Timers: true, Moving: true, HTTP: true, Labels: true}
	// stillZoo: every shape, but all goroutines end up parked (snapall).
	stillZoo = zoo.Config{Copies: 3, Timers: true, Moving: false, HTTP: true, Labels: true}
	// deadlockZoo: only shapes without timers or network, so that the
	// runtime can detect that every goroutine is blocked.
	deadlockZoo = zoo.Config{Copies: 2, Timers: false, Moving: false, HTTP: false, Labels: true}
)

// runtimeStackAll returns runtime.Stack(buf, true), growing buf until the
// whole dump fits (runtime.Stack truncates silently at len(buf)).
func runtimeStackAll() []byte {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// writeProfile writes the named pprof profile at the given debug level
// (0 = gzipped protobuf, 1 = counts, 2 = tracebacks).
func writeProfile(w io.Writer, name string, debug int) error {
	p := pprof.Lookup(name)
	if p == nil {
		return fmt.Errorf("profile %q not available in %s", name, runtime.Version())
	}
	return p.WriteTo(w, debug)
}

// withOutput opens path for writing ("-" = stdout), calls fn and closes it.
func withOutput(path string, fn func(w io.Writer) error) error {
	if path == "" || path == "-" {
		return fn(os.Stdout)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// argOr returns args[i] or def.
func argOr(args []string, i int, def string) string {
	if i < len(args) {
		return args[i]
	}
	return def
}

// hasProfile reports whether the runtime offers the named profile.
func hasProfile(name string) bool { return pprof.Lookup(name) != nil }
