#!/usr/bin/env bash
# Captures the goroutine time series under SampleTraces/series/ (Go 1.27.3).
#
# Starts three instances of `leakgen serve` on 127.0.0.1, then every
# $INTERVAL seconds for $DURATION seconds fetches with curl:
#   all instances:  /debug/pprof/goroutine?debug=2  -> goroutine-<ts>.txt
#   inst-a only:    /debug/pprof/goroutine?debug=1  -> goroutine-<ts>.debug1.txt
#                   /debug/pprof/goroutine (proto)  -> goroutine-<ts>.pb.gz
# <ts> is the UTC capture time in ISO 8601 basic form (20261127T150724Z).
# inst-c is killed (SIGKILL) at $RESTART_AT seconds and started again at once
# (a new process: goroutine ids start over). A capture that fails (instance
# down) leaves no file.
#
# Usage: capture_series.sh   (env: GO127, BIN, DURATION=360, INTERVAL=10,
#                             RESTART_AT=180, SERVICE=orders-api)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/series
BIN=${BIN:-/tmp/leakgen/bin}
GO127=${GO127:-/opt/go127/bin/go}
DURATION=${DURATION:-360}
INTERVAL=${INTERVAL:-10}
RESTART_AT=${RESTART_AT:-180}
SERVICE=${SERVICE:-orders-api}
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0
unset GOTRACEBACK GODEBUG

mkdir -p "$BIN"
ver=$("$GO127" env GOVERSION)
(cd "$HERE" && "$GO127" build -trimpath -o "$BIN/leakgen-$ver" .)
LEAKGEN=$BIN/leakgen-$ver

# Instance name -> port and leak flags.
declare -A PORT=([inst-a]=7101 [inst-b]=7102 [inst-c]=7103)
declare -A FLAGS=(
	[inst-a]="-leak-send-per-min 30 -leak-ticker-per-min 6 -leak-mutex-per-min 2 -leak-recv-per-min 3"
	[inst-b]=""
	[inst-c]="-leak-send-per-min 12 -leak-select-per-min 4 -leak-mutex-per-min 1"
)
declare -A PID=()
LOG=$OUT/.logs    # process stdout/stderr, removed at the end
rm -rf "$OUT/$SERVICE"; mkdir -p "$LOG"

# start NAME: start one instance and wait until it prints "ready".
start() {
	local name=$1 i
	# shellcheck disable=SC2086
	"$LEAKGEN" serve -addr "127.0.0.1:${PORT[$name]}" ${FLAGS[$name]} \
		>"$LOG/$name.out" 2>>"$LOG/$name.err" &
	PID[$name]=$!
	for i in $(seq 50); do grep -q '^ready' "$LOG/$name.out" && break; sleep 0.1; done
	echo "$(date -u +%FT%TZ) started $name pid ${PID[$name]} flags: ${FLAGS[$name]:-none}"
}

# fetch URL FILE: save URL to FILE, or nothing when it fails.
fetch() {
	curl -sf --max-time 8 -o "$2.part" "$1" && mv "$2.part" "$2" || rm -f "$2.part"
}

# capture: one round of fetches, in parallel so all files share one moment.
capture() {
	local ts name base dir pids=()
	ts=$(date -u +%Y%m%dT%H%M%SZ)
	for name in inst-a inst-b inst-c; do
		base="http://127.0.0.1:${PORT[$name]}/debug/pprof/goroutine"
		dir=$OUT/$SERVICE/$name; mkdir -p "$dir"
		fetch "$base?debug=2" "$dir/goroutine-$ts.txt" & pids+=($!)
		if [ "$name" = inst-a ]; then
			fetch "$base?debug=1" "$dir/goroutine-$ts.debug1.txt" & pids+=($!)
			fetch "$base" "$dir/goroutine-$ts.pb.gz" & pids+=($!)
		fi
	done
	wait "${pids[@]}"
	echo "$ts captured"
}

cleanup() { kill "${PID[@]}" 2>/dev/null || true; }
trap cleanup EXIT

for name in inst-a inst-b inst-c; do start "$name"; done
t0=$(date +%s)
restarted=no
while :; do
	now=$(date +%s); el=$((now - t0))
	[ "$el" -gt "$DURATION" ] && break
	if [ "$restarted" = no ] && [ "$el" -ge "$RESTART_AT" ]; then
		kill -KILL "${PID[inst-c]}"; wait "${PID[inst-c]}" 2>/dev/null || true
		echo "$(date -u +%FT%TZ) killed inst-c"
		start inst-c
		restarted=yes
	fi
	capture
	sleep $((INTERVAL - ($(date +%s) - now)))
done
rm -rf "$LOG"
