#!/usr/bin/env bash
# Captures the production-shaped series under SampleTraces/series/<service>/
# (Go 1.27.3, `leakgen prod`): instances with ramping load, aliasing batches,
# singletons, a deadlock, a config-watcher leak on some instances only, and
# standard-library leaks; ground truth in SampleTraces/series/ground_truth.json.
#
# Every $INTERVAL seconds for $DURATION seconds, each instance is fetched in
# the formats its plan names, in parallel, into
#   <service>/<instance>/goroutine-<YYYYMMDDTHHMMSSZ>.{txt,debug1.txt,pb.gz}
# (debug2 -> .txt, debug1 -> .debug1.txt, proto -> .pb.gz). An instance with a
# restart time is killed with SIGKILL then and started again at once (a new
# process: goroutine ids start over). A failed fetch leaves no file.
#
# Usage: capture_prod.sh checkout|ledger   (env: GO127, BIN)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${BIN:-/tmp/leakgen/bin}
GO127=${GO127:-/opt/go127/bin/go}
SERIES=${1:?usage: capture_prod.sh checkout|ledger}
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0
unset GOTRACEBACK GODEBUG

# A plan: instance -> port, flags, formats, restart second ("" = none).
declare -A PORT FLAGS FORMATS RESTART
case $SERIES in
checkout)
	SERVICE=checkout INTERVAL=10 DURATION=480
	RAMP="-ramp-from 1 -ramp-to 15 -ramp-over 8m -batch-join 100ms -batch-flush 9800ms"
	INSTANCES=(co-1 co-2 co-3 co-4)
	PORT=([co-1]=7311 [co-2]=7312 [co-3]=7313 [co-4]=7314)
	FLAGS=(
		[co-1]="$RAMP -leak-body-per-min 6"
		[co-2]="$RAMP -config-reload-leak 15s -leak-rows-per-min 3 -deadlock-readers 3"
		[co-3]="$RAMP -leak-transport-per-min 4 -leak-context-per-min 6"
		[co-4]="-ramp-from 0 -batch-join 0 -pool 0 -config-reload-leak 60s"
	)
	FORMATS=([co-1]="debug2" [co-2]="debug2 debug1 proto" [co-3]="debug2" [co-4]="debug1")
	RESTART=([co-1]="" [co-2]="" [co-3]=240 [co-4]="")
	;;
ledger)
	SERVICE=ledger INTERVAL=30 DURATION=1080
	RAMP="-ramp-from 0.5 -ramp-to 8 -ramp-over 18m -batch-join 100ms -batch-flush 29600ms"
	INSTANCES=(le-1 le-2 le-3)
	PORT=([le-1]=7321 [le-2]=7322 [le-3]=7323)
	FLAGS=(
		[le-1]="$RAMP -leak-body-per-min 1"
		[le-2]="$RAMP -deadlock-readers 2"
		[le-3]="$RAMP -config-reload-leak 90s -leak-rows-per-min 0.5"
	)
	FORMATS=([le-1]="debug2" [le-2]="debug2 proto" [le-3]="debug2")
	RESTART=([le-1]="" [le-2]="" [le-3]=540)
	;;
*) echo "unknown series $SERIES" >&2; exit 2 ;;
esac

OUT=$(cd "$HERE/.." && pwd)/series
mkdir -p "$BIN"
ver=$("$GO127" env GOVERSION)
(cd "$HERE" && "$GO127" build -trimpath -o "$BIN/leakgen-$ver" .)
LEAKGEN=$BIN/leakgen-$ver
LOG=$(mktemp -d /tmp/leakgen-$SERIES.XXXXXX)
rm -rf "${OUT:?}/$SERVICE"
declare -A PID=()

# start NAME: start one instance and wait until it prints "ready".
start() {
	local name=$1 i
	# shellcheck disable=SC2086
	"$LEAKGEN" prod -addr "127.0.0.1:${PORT[$name]}" ${FLAGS[$name]} >"$LOG/$name.out" 2>>"$LOG/$name.err" &
	PID[$name]=$!
	for i in $(seq 50); do grep -q '^ready' "$LOG/$name.out" && break; sleep 0.1; done
	echo "$(date -u +%FT%TZ) started $name pid ${PID[$name]} flags: ${FLAGS[$name]}"
}

# fetch URL FILE: save URL to FILE, or nothing when it fails.
fetch() {
	curl -sf --max-time 8 -o "$2.part" "$1" && mv "$2.part" "$2" || rm -f "$2.part"
}

# capture: one round of fetches, in parallel so all files share one moment.
capture() {
	local ts name base dir f pids=()
	ts=$(date -u +%Y%m%dT%H%M%SZ)
	for name in "${INSTANCES[@]}"; do
		base="http://127.0.0.1:${PORT[$name]}/debug/pprof/goroutine"
		dir=$OUT/$SERVICE/$name; mkdir -p "$dir"
		for f in ${FORMATS[$name]}; do
			case $f in
			debug2) fetch "$base?debug=2" "$dir/goroutine-$ts.txt" & pids+=($!) ;;
			debug1) fetch "$base?debug=1" "$dir/goroutine-$ts.debug1.txt" & pids+=($!) ;;
			proto) fetch "$base" "$dir/goroutine-$ts.pb.gz" & pids+=($!) ;;
			esac
		done
	done
	wait "${pids[@]}"
	echo "$ts captured"
}

cleanup() { kill "${PID[@]}" 2>/dev/null || true; }
trap cleanup EXIT

for name in "${INSTANCES[@]}"; do start "$name"; done
t0=$(date +%s)
declare -A DONE=()
while :; do
	now=$(date +%s); el=$((now - t0))
	[ "$el" -gt "$DURATION" ] && break
	for name in "${INSTANCES[@]}"; do
		r=${RESTART[$name]}
		if [ -n "$r" ] && [ -z "${DONE[$name]:-}" ] && [ "$el" -ge "$r" ]; then
			kill -KILL "${PID[$name]}"; wait "${PID[$name]}" 2>/dev/null || true
			echo "$(date -u +%FT%TZ) killed $name"
			start "$name"
			DONE[$name]=yes
		fi
	done
	capture
	sleep $((INTERVAL - ($(date +%s) - now)))
done
rm -rf "$LOG"
