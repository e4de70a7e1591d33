#!/usr/bin/env bash
# Benchmark, not a test: replays the same review histories through ts-fsrs (the oracle in
# ../shared/fsrs/oracle, on node) and through `quizdeck fsrs replay`, checks that both give
# the same results, and prints both times and the throughput ratio (target: >= 20x).
# Usage: bench/fsrs_replay.sh [BUILD_DIR] [HISTORIES]   (defaults: build 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
histories=${2:-100000}
work="$build/bench-fsrs"
oracle="$build/fsrs-oracle"
mkdir -p "$work" "$oracle"
if [[ ! -d "$oracle/node_modules/ts-fsrs" ]]; then
  cp ../shared/fsrs/oracle/{package.json,package-lock.json,gen-vectors.mjs} "$oracle/"
  (cd "$oracle" && npm ci --no-audit --no-fund --loglevel=error)
fi
input="$work/histories-$histories.jsonl"
if [[ ! -s "$input" ]]; then
  echo "generating $histories histories with the oracle..."
  # Keep only what a replay needs (id, created, review times and ratings).
  node "$oracle/gen-vectors.mjs" --seed 20261124 --cards "$histories" |
    node -e '
      const rl = require("readline").createInterface({ input: process.stdin });
      rl.on("line", (line) => {
        const h = JSON.parse(line);
        const reviews = h.reviews.map((r) => ({ t: r.t, rating: r.rating }));
        process.stdout.write(JSON.stringify({ id: h.card_index, created: h.created, reviews }) + "\n");
      });' > "$input"
fi
reviews=$(grep -o '"rating"' "$input" | wc -l)

now() { date +%s.%N; }
# Timed runs write to /dev/null so both measure replaying, not the disk.
t0=$(now)
node "$oracle/gen-vectors.mjs" --replay "$input" > /dev/null
t1=$(now)
"$build/quizdeck" fsrs replay "$input" > /dev/null
t2=$(now)
"$build/quizdeck" fsrs replay --jobs 1 "$input" > /dev/null
t3=$(now)

# Untimed: both outputs must agree (floats to 1e-6, everything else exactly).
node "$oracle/gen-vectors.mjs" --replay "$input" > "$work/ts-fsrs.jsonl"
"$build/quizdeck" fsrs replay "$input" > "$work/quizdeck.jsonl"
status=0
"$build/fsrs_vector_diff" "$work/ts-fsrs.jsonl" "$work/quizdeck.jsonl" 2>&1 | tail -3 || status=1
rm -f "$work/ts-fsrs.jsonl" "$work/quizdeck.jsonl"
awk -v h="$histories" -v n="$reviews" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v cores="$(nproc)" 'BEGIN {
  ts = b - a; qd = c - b; q1 = d - c;
  printf "histories: %d, reviews: %d, cores: %d\n", h, n, cores;
  printf "ts-fsrs 5.4.2 on node (1 thread):  %7.3f s  %9.0f reviews/s\n", ts, n / ts;
  printf "quizdeck fsrs replay (%d threads):   %7.3f s  %9.0f reviews/s  %5.1fx\n", cores, qd, n / qd, ts / qd;
  printf "quizdeck fsrs replay --jobs 1:     %7.3f s  %9.0f reviews/s  %5.1fx\n", q1, n / q1, ts / q1;
  printf "throughput ratio: %.1fx (target >= 20x)\n", ts / qd;
}'
exit "$status"
