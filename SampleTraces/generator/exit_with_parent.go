package main

import (
	"os"
	"time"
)

// With LEAKGEN_EXIT_WITH_PARENT set, every mode exits as soon as the process
// that started it is gone, so a test runner that dies never leaves servers
// running behind it. (One goroutine more in the dumps: a sleep loop.)
func init() {
	if os.Getenv("LEAKGEN_EXIT_WITH_PARENT") == "" {
		return
	}
	parent := os.Getppid()
	go func() {
		for {
			time.Sleep(200 * time.Millisecond)
			if os.Getppid() != parent {
				os.Exit(3)
			}
		}
	}()
}
