#!/usr/bin/env bash
# One performance run on this machine, everything measured side by side with its baseline:
# criterion benches (index build, query latency, keystroke-to-frame, at 1x and 10,000
# sections), whole-process search vs grep -ril, first frame vs less, peak memory, binary
# size. Writes the raw output to target/perf/ and prints it. The README's table comes from
# one such run.
#
# Usage: benches/perf.sh      (takes about 10-15 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/perf
mkdir -p "$out"

{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "kernel: $(uname -sr); $(rustc --version)"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee "$out/machine.txt"

cargo build --release --quiet --bin mnguide
echo "binary size: $(stat -c %s target/release/mnguide | awk '{printf "%.1f MiB", $1/1048576}')" | tee "$out/binary.txt"

# Short criterion runs: the p50/p99 lines the benches print are what the README reports.
fast=(-- --warm-up-time 1 --measurement-time 3)
cargo bench --quiet --bench search "${fast[@]}" 2>&1 | tee "$out/search-bench.txt"
cargo bench --quiet --bench tui "${fast[@]}" 2>&1 | tee "$out/tui-bench.txt"
cargo bench --quiet --bench quiz "${fast[@]}" 2>&1 | tee "$out/quiz-bench.txt"

RUNS=30 bash benches/search_vs_grep.sh 2>&1 | tee "$out/search-vs-grep.txt"
bash benches/first_frame.sh 21 2>&1 | tee "$out/first-frame.txt"

# Peak memory at scale: load + index + search a generated 10,000-section guide.
if [ -x target/release/examples/scale ] || cargo build --release --quiet --example scale 2>/dev/null; then
  /usr/bin/time -v target/release/examples/scale 10000 2>&1 | tee "$out/scale.txt" |
    grep -E "sections|index|search|Maximum resident" || true
fi
echo "raw output in $out/"
