#!/usr/bin/env bash
# Captures a small restart series under SampleTraces/restart/<instance>/ (Go 1.27.3):
# start `leakgen serve` with leaks, fetch /debug/pprof/goroutine?debug=2 three
# times $INTERVAL seconds apart, stop the process (SIGTERM), start a new one on
# the same port, fetch three more times. File names as in capture_series.sh.
#
# Usage: capture_restart.sh   (env: GO127, BIN, INTERVAL=10, INSTANCE=inst-r)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:-/tmp/leakgen/bin}
GO127=${GO127:-/opt/go127/bin/go}
INTERVAL=${INTERVAL:-10}
INSTANCE=${INSTANCE:-inst-r}
PORT=7201
FLAGS=(-leak-send-per-min 30 -leak-ticker-per-min 6 -leak-mutex-per-min 2)
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0
unset GOTRACEBACK GODEBUG

mkdir -p "$BIN"
ver=$("$GO127" env GOVERSION)
(cd "$HERE" && "$GO127" build -trimpath -o "$BIN/leakgen-$ver" .)
OUT=$(cd "$HERE/.." && pwd)/restart/$INSTANCE
rm -rf "$OUT"; mkdir -p "$OUT"
ready=$(mktemp /tmp/leakgen-ready.XXXXXX)
pid=

start() {
	: >"$ready"
	"$BIN/leakgen-$ver" serve -addr 127.0.0.1:$PORT "${FLAGS[@]}" >"$ready" 2>/dev/null &
	pid=$!
	for _ in $(seq 50); do grep -q '^ready' "$ready" && break; sleep 0.1; done
	echo "$(date -u +%FT%TZ) started pid $pid"
}
capture3() {
	local ts
	for _ in 1 2 3; do
		sleep "$INTERVAL"
		ts=$(date -u +%Y%m%dT%H%M%SZ)
		curl -sf --max-time 8 -o "$OUT/goroutine-$ts.txt" "http://127.0.0.1:$PORT/debug/pprof/goroutine?debug=2"
		echo "$ts captured"
	done
}
trap 'kill $pid 2>/dev/null || true; rm -f "$ready"' EXIT

start; capture3
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
echo "$(date -u +%FT%TZ) stopped pid $pid"
start; capture3
