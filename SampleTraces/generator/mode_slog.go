//go:build go1.21

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"runtime"

	"example.com/leakgen/zoo"
)

// slogstack logs a goroutine dump through log/slog's JSON handler (Go 1.21+),
// either as one record whose msg is the whole dump (newlines escaped as \n)
// or as one record per dump line.

func init() {
	register(mode{"slogstack", "msg|lines [FILE]", "zoo, runtime.Stack logged as slog JSON", runSlogStack})
}

func runSlogStack(args []string) error {
	if len(args) < 1 || (args[0] != "msg" && args[0] != "lines") {
		return fmt.Errorf("usage: slogstack msg|lines [FILE]")
	}
	return withOutput(argOr(args, 1, "-"), func(w io.Writer) error {
		logger := slog.New(slog.NewJSONHandler(w, nil))
		logger.Info("starting goroutine zoo", "service", "leakgen")
		z := zoo.Start(fullZoo)
		logger.Info("http server listening", "addr", z.HTTPAddr)
		dump := runtimeStackAll()
		if args[0] == "msg" {
			logger.Warn(string(dump), "event", "goroutine_dump", "goroutines", runtime.NumGoroutine())
		} else {
			sc := bufio.NewScanner(bytes.NewReader(dump))
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for n := 1; sc.Scan(); n++ {
				logger.Warn(sc.Text(), "event", "goroutine_dump", "line", n)
			}
		}
		logger.Info("dump complete")
		return nil
	})
}
