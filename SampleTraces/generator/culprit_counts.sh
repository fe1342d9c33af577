#!/usr/bin/env bash
# Summarises debug=2 dumps for checking the ground truth: for every goroutine
# it takes the first frame in package example.com/leakgen/zoo or main (the
# "culprit"; "-" when there is none, e.g. net/http internals) and the status
# text of the header (between "[" and "]", wait minutes dropped), and prints
# one TSV line per (instance/file, culprit, status) with the number of
# goroutines.
#
# Usage: culprit_counts.sh FILE...   (plain .txt or .txt.gz)
set -euo pipefail
for f in "$@"; do
	case $f in *.gz) gzip -dc "$f" ;; *) cat "$f" ;; esac |
	awk -v file="$(basename "$(dirname "$f")")/$(basename "$f")" '
		function flush() { if (inblk) n[(culprit == "" ? "-" : culprit) "\t" status]++; inblk = 0 }
		/^goroutine [0-9]+ / {
			flush(); inblk = 1; culprit = ""
			status = $0; sub(/^[^[]*\[/, "", status); sub(/\].*$/, "", status)
			sub(/, [0-9]+ minutes/, "", status)
			next
		}
		inblk && culprit == "" && /^(example\.com\/leakgen\/zoo\.|main\.)/ {
			culprit = $0; sub(/\(.*$/, "", culprit)
		}
		END { flush(); for (k in n) print file "\t" k "\t" n[k] }
	' | sort
done
