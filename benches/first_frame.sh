#!/usr/bin/env bash
# Time to first frame: `mnguide` (the browser) against `less` opening a guide file, side by
# side in one run, each in a fresh pseudo-terminal of 80x24; median of N runs.
# "First frame" is the moment the terminal has received the first screen of text:
# the browser's tab bar and topic tree title, or the first line of the file for less.
#
# Usage: benches/first_frame.sh [RUNS]   (default 21; builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-21}"
cargo build --release --quiet --bin mnguide
BIN="$PWD/target/release/mnguide"
FILE="guide/topics/01-basics.toml"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# Warm the index once so every timed run opens an up-to-date index, as a user's second run does.
"$BIN" --guide guide --index-dir "$TMP/index" index >/dev/null

python3 - "$RUNS" "$BIN" "$FILE" "$TMP" <<'PY'
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

runs, binary, path, tmp = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
first_line = open(path, encoding="utf-8").readline().strip()[:20].encode()

def first_frame(argv, marker, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    seen = b""
    elapsed = None
    while time.perf_counter() - start < 10:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if all(m in seen for m in marker):
            elapsed = time.perf_counter() - start
            break
    try:
        os.write(fd, b"q")
        time.sleep(0.05)
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        raise SystemExit(f"no first frame from {argv[0]}: {seen[-300:]!r}")
    return elapsed * 1000

env = dict(os.environ, TERM="xterm-256color", MNGUIDE_DATA=os.path.join(tmp, "data"),
           MNGUIDE_CONFIG=os.path.join(tmp, "config"), LESS="")
browser = [binary, "--guide", "guide", "--index-dir", os.path.join(tmp, "index")]
less = ["less", path]
times = {"mnguide": [], "less": []}
for _ in range(runs):
    # Alternate so neither gets a warmer cache.
    times["mnguide"].append(first_frame(browser, [b"Browse", b"Topics"], env))
    times["less"].append(first_frame(less, [first_line], env))
m, l = statistics.median(times["mnguide"]), statistics.median(times["less"])
print(f"first frame, median of {runs} runs, 80x24 pty:")
print(f"  mnguide  {m:7.1f} ms  (min {min(times['mnguide']):.1f}, max {max(times['mnguide']):.1f})")
print(f"  less     {l:7.1f} ms  (min {min(times['less']):.1f}, max {max(times['less']):.1f})")
print(f"  ratio    {m / l:7.2f}x  (target: within 3x)")
PY
