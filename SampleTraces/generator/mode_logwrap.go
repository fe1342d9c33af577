package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"example.com/leakgen/zoo"
)

// Modes that embed a dump in a log, the way services often ship them:
// every dump line gets the logger's timestamp prefix, and ordinary
// application log lines come before and after the dump.

func init() {
	register(mode{"logstack", "std|rfc3339 [FILE]", "zoo, runtime.Stack logged line by line with a time prefix", runLogStack})
	register(mode{"crifilter", "STREAM", "stdin -> CRI log lines (`TS STREAM F|P line`) on stdout", runCRIFilter})
}

// lineLogger writes one log line with a prefix.
type lineLogger func(line string)

func runLogStack(args []string) error {
	if len(args) < 1 {
		return fmt.Errorf("usage: logstack std|rfc3339 [FILE]")
	}
	return withOutput(argOr(args, 1, "-"), func(w io.Writer) error {
		var logLine lineLogger
		switch args[0] {
		case "std":
			// The log package's default flags: "2006/01/02 15:04:05 ".
			l := log.New(w, "", log.LstdFlags)
			logLine = func(s string) { l.Print(s) }
		case "rfc3339":
			// An RFC 3339 time stamp (UTC, microseconds) and a space.
			logLine = func(s string) {
				fmt.Fprintf(w, "%s %s\n", time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"), s)
			}
		default:
			return fmt.Errorf("unknown prefix style %q", args[0])
		}
		logLine("leakgen: starting goroutine zoo")
		z := zoo.Start(fullZoo)
		logLine("leakgen: http server listening on " + z.HTTPAddr)
		logLine("leakgen: dumping all goroutine stacks")
		logDumpLines(logLine, runtimeStackAll())
		logLine("leakgen: dump complete")
		return nil
	})
}

// logDumpLines logs each line of dump separately, so each gets a prefix
// (blank separator lines become a bare prefix).
func logDumpLines(logLine lineLogger, dump []byte) {
	sc := bufio.NewScanner(bytes.NewReader(dump))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		logLine(sc.Text())
	}
}

// criMaxLine is containerd's default maximum size of one CRI log record;
// longer lines are split into partial ("P") records.
const criMaxLine = 16 * 1024

// runCRIFilter turns stdin into the CRI container log format written by
// containerd / CRI-O: "<RFC 3339 nano UTC time> <stream> <F|P> <text>".
// Each line is time-stamped when it is read, so run it in a pipe.
func runCRIFilter(args []string) error {
	if len(args) != 1 || (args[0] != "stdout" && args[0] != "stderr") {
		return fmt.Errorf("usage: crifilter stdout|stderr")
	}
	stream := args[0]
	r := bufio.NewReaderSize(os.Stdin, criMaxLine)
	for {
		chunk, isPrefix, err := r.ReadLine()
		if len(chunk) > 0 || (err == nil && !isPrefix) {
			tag := "F"
			if isPrefix {
				tag = "P"
			}
			ts := time.Now().UTC().Format(time.RFC3339Nano)
			// One write per record, so two filters can append to one file.
			if _, werr := fmt.Fprintf(os.Stdout, "%s %s %s %s\n", ts, stream, tag, chunk); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
