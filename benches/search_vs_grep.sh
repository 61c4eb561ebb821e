#!/usr/bin/env bash
# Whole-process `mnguide search` against `grep -ril` on guide/, in the same run, with a warm
# index, plus the peak memory of one search. Run from anywhere:
#   benches/search_vs_grep.sh            (builds the release binary first)
# Uses hyperfine when installed (apt-get install hyperfine), else a timing loop.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
BIN=target/release/mnguide
INDEX=$(mktemp -d)
trap 'rm -rf "$INDEX"' EXIT
RUNS=${RUNS:-50}
QUERIES=("redness" "acne scars" "CIT" "colagen")

# Warm the index (and the page cache) once.
"$BIN" --guide guide --index-dir "$INDEX" index
echo

median_ms() { # command... -> median wall time in ms over $RUNS runs
  local times=() start end
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

for q in "${QUERIES[@]}"; do
  if command -v hyperfine >/dev/null; then
    # -N: no intermediate shell; -i: "no hits" (exit 1) is not a failure for either tool.
    hyperfine -N -i --warmup 5 --runs "$RUNS" --style basic --export-json "$INDEX/run.json" \
      "$BIN --guide guide --index-dir $INDEX --color never search '$q'" \
      "grep -ril '$q' guide"
    # The target is about medians; hyperfine's summary shows means.
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; m,g=(x["median"]*1000 for x in r); print(f"query {sys.argv[2]!r}: median mnguide {m:.2f} ms, grep -ril {g:.2f} ms, ratio {m/g:.2f}x")' "$INDEX/run.json" "$q"
  else
    m=$(median_ms "$BIN" --guide guide --index-dir "$INDEX" --color never search "$q")
    g=$(median_ms grep -ril "$q" guide)
    echo "query '$q': mnguide median ${m} ms, grep -ril median ${g} ms"
  fi
done

echo
echo "peak memory of one search (maximum resident set size):"
for q in "${QUERIES[@]}"; do
  kb=$(/usr/bin/time -v "$BIN" --guide guide --index-dir "$INDEX" --color never search "$q" 2>&1 >/dev/null \
    | awk -F': ' '/Maximum resident set size/ {print $2}')
  echo "  '$q': ${kb} KB ($((kb / 1024)) MB)"
done
