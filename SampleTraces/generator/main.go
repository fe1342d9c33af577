// Command leakgen produces real goroutine dumps for leaktrail's SampleTraces.
//
// One binary, many modes: the first argument selects the mode, the rest are
// the mode's arguments. Run `leakgen help` for the list. The goroutine shapes
// themselves (leaks and healthy patterns) live in package zoo; this package
// only decides which shapes to start and how to capture the dump.
package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
)

// mode is one sub-command of leakgen.
type mode struct {
	name  string
	usage string // arguments, e.g. "FILE"
	help  string // one line
	run   func(args []string) error
}

// modes is filled by register calls in the init functions of the mode files,
// so files built only by newer toolchains can add their own modes.
var modes = map[string]mode{}

func register(m mode) { modes[m.name] = m }

// countAndFile reads the "N FILE" arguments of the modes that start N goroutines and
// write their stacks to FILE.
func countAndFile(name string, args []string) (int, string, error) {
	if len(args) != 2 {
		return 0, "", fmt.Errorf("usage: %s N FILE", name)
	}
	n, err := strconv.Atoi(args[0])
	return n, args[1], err
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: leakgen MODE [ARGS...]\n\nmodes:")
	names := make([]string, 0, len(modes))
	for n := range modes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m := modes[n]
		fmt.Fprintf(os.Stderr, "  %-12s %-22s %s\n", m.name, m.usage, m.help)
	}
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	m, ok := modes[os.Args[1]]
	if !ok {
		usage()
		os.Exit(2)
	}
	if err := m.run(os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "leakgen %s: %v\n", m.name, err)
		os.Exit(1)
	}
}
