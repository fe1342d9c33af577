#!/usr/bin/env bash
# Builds and runs leaktrail's libFuzzer targets, one fuzzer process at a time.
#
#   Tests/Fuzz/run.sh [RUNS] [TARGET...]     # default 1000000 runs of every target
#   Tests/Fuzz/run.sh build                  # build only
#   Tests/Fuzz/run.sh bigdump [GOROUTINES]   # time `leaktrail parse` on one generated dump (default 10 million;
#                                            # LEAKTRAIL_BIN=path skips the release build)
#
# Targets: traceback countprofile pprof logs reader (reader = sniffing + gzip + every parser)
# parallel (the chunked parallel reader against the sequential parser, on the same bytes).
# Each is compiled with `swiftc -sanitize=fuzzer,address` from the parser sources alone
# (Sources/LeakTrailKit/{Model,Signature,Parsing}) plus SwiftProtobuf's sources from
# .build/checkouts (run `swift build` once first) and the system zlib. These files are not
# part of any SwiftPM target. Work files go to $FUZZ_DIR (default /tmp/leaktrail-fuzz):
# corpora in corpus-<target>/, crashes in crashes/, logs in logs/.
# Environment: MAX_LEN (default 2048: a few goroutines per input, 3–4× the executions of 16 KiB), NICE (default 10), FUZZ_FLAGS (extra libFuzzer flags),
# ASAN_OPTIONS (default below).
set -euo pipefail

# ASan records a 30-frame stack on every malloc and free and quarantines 256 MiB of freed
# memory; the parsers allocate per goroutine, so that bookkeeping was a third of each
# execution. Without it a run is 28% faster (traceback: 2,967 → 3,786 exec/s, 90 s each,
# side by side) and still catches every overflow and use-after-free of recent memory; replay a
# crash with ASAN_OPTIONS=malloc_context_size=30 for the allocation's stack.
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0:quarantine_size_mb=16}"

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${FUZZ_DIR:-/tmp/leaktrail-fuzz}"
max_len="${MAX_LEN:-2048}"
nice_level="${NICE:-10}"
all_targets=(traceback countprofile pprof logs reader parallel)
mkdir -p "$work/lib" "$work/crashes" "$work/logs"

entry_file() {
    case "$1" in
        traceback) echo FuzzTraceback.swift ;;
        countprofile) echo FuzzCountProfile.swift ;;
        pprof) echo FuzzPprof.swift ;;
        logs) echo FuzzLogs.swift ;;
        reader) echo FuzzDumpReader.swift ;;
        parallel) echo FuzzParallel.swift ;;
        *) echo "unknown target: $1 (one of: ${all_targets[*]})" >&2; exit 64 ;;
    esac
}

build() {
    local flags=(-O -sanitize=fuzzer,address -parse-as-library -g)
    local protobuf="$repo/.build/checkouts/swift-protobuf/Sources/SwiftProtobuf"
    [ -d "$protobuf" ] || { echo "missing $protobuf: run 'swift build' once to fetch the dependencies" >&2; exit 1; }
    if [ ! -f "$work/lib/libSwiftProtobuf.a" ]; then
        echo "building SwiftProtobuf (once)…" >&2
        nice -n "$nice_level" swiftc "${flags[@]}" -wmo -module-name SwiftProtobuf -package-name swift_protobuf -emit-library -static \
            -emit-module -emit-module-path "$work/lib/SwiftProtobuf.swiftmodule" \
            -o "$work/lib/libSwiftProtobuf.a" "$protobuf"/*.swift
    fi
    echo "building the parsers…" >&2
    git -C "$repo" describe --always --dirty > "$work/built-from" 2>/dev/null || echo '?' > "$work/built-from"
    local kit="$repo/Sources/LeakTrailKit"
    nice -n "$nice_level" swiftc "${flags[@]}" -wmo -module-name LeakTrailKit -emit-library -static \
        -emit-module -emit-module-path "$work/lib/LeakTrailKit.swiftmodule" \
        -I "$work/lib" -I "$repo/Sources/CZlib" \
        -o "$work/lib/libLeakTrailKit.a" \
        "$kit"/Model/*.swift "$kit"/Signature/*.swift "$kit"/Parsing/*.swift "$kit"/Parsing/*/*.swift
    for t in "${all_targets[@]}"; do
        echo "linking fuzz-$t…" >&2
        nice -n "$nice_level" swiftc "${flags[@]}" -module-name Fuzz"$t" -I "$work/lib" -I "$repo/Sources/CZlib" \
            -o "$work/fuzz-$t" "$here/FuzzSink.swift" "$here/$(entry_file "$t")" \
            -L "$work/lib" -lLeakTrailKit -lSwiftProtobuf -lz
    done
}

# Seeds: the committed samples and the shared corpus (when present); protobuf targets get
# the inflated .pb.gz files, the reader gets everything as it is on disk.
seed() {
    local t="$1" dir="$work/seeds-$t"
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    local roots=("$repo/SampleTraces")
    [ -d "$repo/../shared/corpus" ] && roots+=("$repo/../shared/corpus")
    local n=0
    while IFS= read -r -d '' f; do
        case "$t:$f" in
            pprof:*.pb.gz) gzip -dc "$f" > "$dir/$n.pb" 2>/dev/null || true ;;
            pprof:*) continue ;;
            reader:*.xz) continue ;;
            reader:*) cp "$f" "$dir/$n" ;;
            *:*.gz|*:*.xz|*:*.png) continue ;;
            *) cp "$f" "$dir/$n" ;;
        esac
        n=$((n + 1))
    done < <(find "${roots[@]}" -type f -size -4M -print0 | sort -z)
    echo "$t: $(ls "$dir" | wc -l) seed files" >&2
}

fuzz() {
    local t="$1" runs="$2"
    seed "$t"
    mkdir -p "$work/corpus-$t"
    echo "fuzzing $t for $runs runs (max_len $max_len)…" >&2
    local start=$SECONDS log="$work/logs/$t.log"
    [ -f "$log" ] && mv "$log" "$work/logs/$t.$(date -r "$log" +%Y%m%dT%H%M%S).log"
    echo "fuzz-$t built $(date -r "$work/fuzz-$t" -Is) from leaktrail $(cat "$work/built-from" 2>/dev/null || echo '?'), ASAN_OPTIONS=$ASAN_OPTIONS" > "$log"
    set +e
    nice -n "$nice_level" "$work/fuzz-$t" -runs="$runs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/crashes/$t-" ${FUZZ_FLAGS:-} \
        "$work/corpus-$t" "$work/seeds-$t" >> "$log" 2>&1
    local rc=$?
    set -e
    local done_runs
    done_runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    echo "$t: exit $rc, $done_runs executions in $((SECONDS - start)) s, log $log" >&2
    return $rc
}

bigdump() {
    local n="$1" file="$work/bigdump-$1.txt"
    if [ ! -f "$file" ]; then
        echo "writing $n goroutines to $file…" >&2
        awk -v n="$n" 'BEGIN { print "goroutine 1 [running]:\nmain.main()\n\t/src/main.go:10 +0x1d\n";
            for (i = 2; i <= n; i++) printf "goroutine %d [chan receive, %d minutes]:\nmain.worker(%d)\n\t/src/main.go:%d +0x2a\ncreated by main.main in goroutine 1\n\t/src/main.go:12 +0x3b\n\n", i, i % 60, i, 20 + i % 7 }' > "$file"
    fi
    local bin="${LEAKTRAIL_BIN:-$repo/.build/release/leaktrail}"
    [ -n "${LEAKTRAIL_BIN:-}" ] || (cd "$repo" && swift build -c release --product leaktrail >&2)
    ls -l "$file" >&2
    /usr/bin/time -f "%e s elapsed, %M KB peak RSS" nice -n "$nice_level" "$bin" parse "$file" | head -4
}

case "${1:-}" in
    build) build ;;
    bigdump) bigdump "${2:-10000000}" ;;
    *)
        runs="${1:-1000000}"
        shift || true
        targets=("$@")
        [ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
        [ -x "$work/fuzz-${targets[0]}" ] || build
        failed=0
        for t in "${targets[@]}"; do fuzz "$t" "$runs" || failed=1; done
        ls "$work/crashes" | sed 's/^/crash: /' >&2 || true
        exit $failed
        ;;
esac
