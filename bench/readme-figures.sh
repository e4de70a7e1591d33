#!/usr/bin/env bash
# Re-measures every performance figure the README states, on this machine, in one run, and
# prints one line per claim: "claim | today | target or ratio". Builds nothing: give it a
# build directory with quizdeck, scale_bench and store_bench already built.
#   bench/readme-figures.sh BUILD_DIR [--full]
# The default run takes a few minutes. --full adds what takes many minutes or needs node
# and npm: the big-deck table (scale_bench's full run), FSRS replay against ts-fsrs, the
# optimizer against fsrs-rs, and the class analysis. Needs ../shared beside the repository
# (the corpus deck and the oracles): without it, says so in one line and stops.
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 ]]; then
  echo "usage: bench/readme-figures.sh BUILD_DIR [--full]" >&2
  exit 2
fi
build=$(realpath "$1")
full=false
[[ ${2:-} == --full ]] && full=true
if [[ ! -d ../shared/corpus ]]; then
  echo "readme-figures: skipped: ../shared (the corpus and oracles) is not beside the repository"
  exit 0
fi
for binary in quizdeck scale_bench store_bench; do
  if [[ ! -x $build/$binary ]]; then
    echo "readme-figures: $build/$binary is missing: build first (this script builds nothing)" >&2
    exit 2
  fi
done
quizdeck=$build/quizdeck
corpus=$(realpath ../shared/corpus/opentrivia-all.yaml)
work=$(mktemp -d "${TMPDIR:-/tmp}/quizdeck-figures-XXXXXX")
trap 'rm -rf "$work"' EXIT

line() { printf '%-62s | %-30s | %s\n' "$1" "$2" "$3"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", b / a }'; }
# Milliseconds of one run of a command (output discarded).
ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
# The median of five runs, in ms.
median5() {
  local runs=() _
  for _ in 1 2 3 4 5; do runs+=("$(ms "$@")"); done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p
}
# A scale_bench result row "LABEL  A ms  B ms  R x ..." as "A|B|R".
row() { grep -F "$1" | sed -E 's/.* ([0-9.]+) ms +([0-9.]+) ms +([0-9.]+)x.*/\1|\2|\3/' | head -1; }

line "claim (README)" "today (this machine, this run)" "target / ratio"
line "--------------" "------------------------------" "--------------"

# Start-up on the corpus deck against its first 1,000 cards (docs/performance.md: 0.70x, 0.91x, 1.19x).
startup=$("$build/scale_bench" "$quizdeck" "$work" --startup-only --quick 2> /dev/null)
for what in "drill, to the first question" "stats" "status"; do
  IFS='|' read -r small big r <<< "$(row "$what  " <<< "$startup")"
  line "warm $what: 49,712 vs 1,000 cards" "${big:-?} ms vs ${small:-?} ms" \
    "${r:-?}x (target <= 2x)"
done

# Warm check of the corpus deck against its first 1,000 cards.
awk '/^  - id:/ { if (++n > 1000) exit } /^id:/ { $0 = "id: \"first-1000\"" } { print }' \
  "$corpus" > "$work/first-1000.yaml"
for deck in "$work/first-1000.yaml" "$corpus"; do
  "$quizdeck" --store "$work/check.db" check "$deck" > /dev/null 2>&1  # fills the cache
done
check_small=$(median5 "$quizdeck" --store "$work/check.db" check "$work/first-1000.yaml")
check_big=$(median5 "$quizdeck" --store "$work/check.db" check "$corpus")
line "warm check: 49,712 vs 1,000 cards" "$check_big ms vs $check_small ms" \
  "$(ratio "$check_small" "$check_big") (target <= 2x)"

# A drill right after a drill, 1M reviews against 1k (start to the first question).
after=$("$build/scale_bench" "$quizdeck" "$work" --drill-after-drill --quick 2> /dev/null)
IFS='|' read -r small big r <<< "$(row "drill after drill" <<< "$after")"
line "drill after a drill: 1M vs 1k reviews" "${big:-?} ms vs ${small:-?} ms" \
  "${r:-?}x (target <= 2x)"

# stats over 100k cards and 1M reviews (docs/performance.md: 157 ms; target 200 ms).
stats=$("$build/scale_bench" "$quizdeck" "$work" --stats-only --quick 2> /dev/null |
  sed -nE 's/^stats over .*: ([0-9]+) ms warm.*peak ([0-9]+) MiB.*/\1 ms, peak \2 MiB/p')
line "stats, 100k cards, 1M reviews, warm" "${stats:-?}" "<= 200 ms"

# The store on its own (docs/performance.md: 19.9 ms to walk the due queue, 0.25 ms a commit).
store=$("$build/store_bench" "$work" 2>&1)
due=$(sed -nE 's/^open \+ due queue.*median ([0-9.]+) ms, worst ([0-9.]+) ms.*/\1 ms median, \2 worst/p' <<< "$store")
full_records=$(sed -nE "s/^open \+ every due card's full record.*median ([0-9.]+) ms/\1 ms/p" <<< "$store")
commit=$(sed -nE 's/^commit per answered card.*mean ([0-9.]+) ms, median ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 mean, \2 median, \3 p99 ms/p' <<< "$store")
line "store_bench: open + due queue (100k cards, 1M reviews)" "${due:-failed}" "<= 20 ms"
line "store_bench: open + every due card's full record" "${full_records:-failed}" "(no target)"
line "store_bench: commit one answered card" "${commit:-failed}" "<= 1 ms"

# QTI export of the corpus deck: a directory against a zip, alternately, medians of three.
zips=() dirs=()
for _ in 1 2 3; do
  rm -rf "$work/qti.zip" "$work/qti"
  zips+=("$(ms "$quizdeck" export "$corpus" --to qti -o "$work/qti.zip")")
  dirs+=("$(ms "$quizdeck" export "$corpus" --to qti -o "$work/qti/")")
done
zip_ms=$(printf '%s\n' "${zips[@]}" | sort -n | sed -n 2p)
dir_ms=$(printf '%s\n' "${dirs[@]}" | sort -n | sed -n 2p)
line "export --to qti -o DIR/ vs -o FILE.zip (49,713 files)" "$dir_ms ms vs $zip_ms ms" \
  "$(ratio "$zip_ms" "$dir_ms") (target <= 1.5x)"
rm -rf "$work/qti" "$work/qti.zip"

# Importing the corpus as GIFT against check --no-cache (docs/performance.md: 0.77x).
import=$(bench/import_gift.sh "$build" 2> /dev/null)
import_s=$(sed -nE 's/^import: +([0-9.]+) s +peak +([0-9.]+) MiB/\1 s, \2 MiB/p' <<< "$import")
check_s=$(sed -nE 's/^check --no-cache: +([0-9.]+) s +peak +([0-9.]+) MiB/\1 s, \2 MiB/p' <<< "$import")
import_ratio=$(sed -nE 's/^import \/ check: +([0-9.]+x).*/\1/p' <<< "$import")
line "import 49,712-question GIFT vs check --no-cache" "${import_s:-?} vs ${check_s:-?}" \
  "${import_ratio:-?} (target <= 1.00x)"

if ! $full; then
  line "big decks table (1k/10k/100k: check cold/warm, drill)" "skipped (minutes)" "--full"
  line "FSRS replay against ts-fsrs (needs node)" "skipped" "--full"
  line "optimizer against fsrs-rs (needs node, npm)" "skipped" "--full"
  line "analyze a class of 100k, 1M and 3M answers" "skipped" "--full"
  exit 0
fi

big=$("$build/scale_bench" "$quizdeck" "$work" 2> /dev/null)
for size in "1000 cards" "10000 cards" "100000 cards"; do
  checks=$(grep -E "^$size +[0-9.]+ MB" <<< "$big" |
    sed -nE 's/.* MB +([0-9]+) ms +([0-9]+) ms +([0-9.]+) ms +([0-9.]+)x/yaml-cpp \1 ms, cold \2 ms, warm \3 ms|\4x/p')
  line "check, $size" "${checks%|*}" "cold/bare ${checks#*|} (target <= 1.15x)"
  drill=$(grep -E "^$size +[0-9.]+ ms +[0-9.]+ ms +[0-9]+ MiB" <<< "$big" |
    sed -nE 's/.* ([0-9.]+) ms +([0-9.]+) ms +([0-9]+) MiB +([0-9]+) MiB/cold \1 ms, warm \2 ms/p')
  line "drill to the first question, $size, 1M reviews" "${drill:-?}" "warm at 10k <= 30 ms"
done
stats_full=$(sed -nE 's/^stats over .*: ([0-9]+) ms warm.*/\1 ms/p' <<< "$big")
line "stats, 100k cards, 1M reviews (full run)" "${stats_full:-?}" "<= 200 ms"
answer=$(sed -nE 's/^answer -> durable result event.*: (mean .*)/\1/p' <<< "$big")
line "answer -> durable result event, 10k cards" "${answer:-?}" "(no target)"

replay=$(bench/fsrs_replay.sh "$build" 2>&1 | grep -E 'quizdeck fsrs replay|ts-fsrs' | tr -s ' ')
line "FSRS replay vs ts-fsrs" "$(tr '\n' ';' <<< "$replay")" ">= 20x"
optimize=$(bench/optimize.sh "$build" 1 2>&1 | tail -1 | tr -s ' ')
line "optimizer vs fsrs-rs (seed 1)" "$optimize" "loss within 1%, time ratio <= 1"
analyze=$(bench/analyze.sh "$build" 2>&1 | tail -4 | tr -s ' ' | tr '\n' ';')
line "analyze at 100k, 1M and 3M answers (vs Python)" "$analyze" ">= 5x Python, memory flat"
