#!/usr/bin/env bash
# Prints a Markdown table of the licences of every crate the mnguide binary links (normal
# and build dependencies for this machine, not test or bench tools), from `cargo tree`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo tree --locked -p mnguide -e normal,build --prefix none --format '{p}|{l}' 2>/dev/null |
python3 -c '
import sys, collections
by_licence = collections.defaultdict(set)
for line in sys.stdin:
    line = line.strip()
    if not line or "|" not in line:
        continue
    pkg, lic = line.replace(" (*)", "").split("|", 1)
    name = pkg.split()[0]
    if name == "mnguide":
        continue
    by_licence[lic.strip() or "(none declared)"].add(name)
total = sum(len(v) for v in by_licence.values())
print("%d crates linked into the binary, by licence:\n" % total)
print("| licence | crates |")
print("| --- | --- |")
for lic, names in sorted(by_licence.items(), key=lambda kv: (-len(kv[1]), kv[0])):
    print("| %s | %d: %s |" % (lic, len(names), ", ".join(sorted(names))))
'
