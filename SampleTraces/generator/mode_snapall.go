package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"example.com/leakgen/zoo"
)

// snapall captures one process in every format back to back, with the zoo in
// its "still" configuration so that every zoo goroutine is parked and the
// same goroutines appear in every file.

func init() {
	register(mode{"snapall", "DIR", "still zoo, then every dump format back to back", runSnapAll})
}

// snapshot is one file of a snapall run.
type snapshot struct {
	file  string
	write func(w io.Writer) error
}

func runSnapAll(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: snapall DIR")
	}
	dir := args[0]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	zoo.Start(stillZoo)
	runtime.GC() // let the world settle: no sweep/GC work pending

	profile := func(name string, debug int) func(io.Writer) error {
		return func(w io.Writer) error { return writeProfile(w, name, debug) }
	}
	// Order matters: the goroutineleak profile's GC marks leaked goroutines
	// "(leaked)" for good, so the plain goroutine profiles come first and
	// runtime.Stack is taken both before and after leak detection.
	snaps := []snapshot{
		{"runtime_stack.txt", func(w io.Writer) error { _, err := w.Write(runtimeStackAll()); return err }},
		{"goroutine_debug2.txt", profile("goroutine", 2)},
		{"goroutine_debug1.txt", profile("goroutine", 1)},
		{"goroutine_debug0.pb.gz", profile("goroutine", 0)},
	}
	leakSnaps := []snapshot{
		{"goroutineleak_debug2.txt", profile("goroutineleak", 2)},
		{"goroutineleak_debug1.txt", profile("goroutineleak", 1)},
		{"goroutineleak_debug0.pb.gz", profile("goroutineleak", 0)},
		{"runtime_stack_after_leak.txt", func(w io.Writer) error { _, err := w.Write(runtimeStackAll()); return err }},
	}
	if hasProfile("goroutineleak") {
		snaps = append(snaps, leakSnaps...)
	}
	for _, s := range snaps {
		if err := withOutput(filepath.Join(dir, s.file), s.write); err != nil {
			return fmt.Errorf("%s: %w", s.file, err)
		}
	}
	return nil
}
