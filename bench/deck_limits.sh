#!/usr/bin/env bash
# Benchmark, not a test: the deck loader on the hostile decks of issue 28 and on decks at
# the documented budgets (quizdeck(1), LIMITS): one cloze of 16,000 blanks and one matching
# card of 8,000 pairs (both refused at the limit), against one cloze of 100 blanks, one
# matching card of 100 pairs and 1,000 such cards in one deck (accepted). Prints the wall
# time and peak memory of `quizdeck check --no-cache` for each (before: 14.8 s and 4.2 GB
# for the cloze, 12 s for the pairs; the refusals should now take well under a second).
# Usage: bench/deck_limits.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work="$build/bench-deck-limits"
mkdir -p "$work"

cloze() {  # cloze FILE CARDS BLANKS
  {
    printf 'title: Clozes\ncards:\n'
    for ((c = 0; c < $2; c++)); do
      printf '  - id: c%d\n    cloze: "' "$c"
      for ((b = 0; b < $3; b++)); do printf 'word {{a%d}} ' "$b"; done
      printf '"\n'
    done
  } > "$1"
}
matching() {  # matching FILE CARDS PAIRS
  {
    printf 'title: Pairs\ncards:\n'
    for ((c = 0; c < $2; c++)); do
      printf '  - id: m%d\n    question: Match them\n    type: matching\n    pairs:\n' "$c"
      for ((p = 0; p < $3; p++)); do printf '      - prompt %d: answer %d\n' "$p" "$p"; done
    done
  } > "$1"
}
measure() {  # "seconds kilobytes exit" of one run
  local status=0
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > /dev/null 2>&1 || status=$?
  echo "$(cat "$work/time.txt" | tail -1) $status"
}
report() {  # report LABEL FILE
  local s kb status
  read -r s kb status <<< "$(measure "$build/quizdeck" check --no-cache "$2")"
  printf '%-44s %6.2f s  peak %6.1f MiB  exit %s\n' "$1" "$s" "$(echo "$kb / 1024" | bc -l)" \
    "$status"
}
cloze "$work/cloze-16000.yaml" 1 16000
cloze "$work/cloze-100.yaml" 1 100
cloze "$work/cloze-100x1000.yaml" 1000 100
matching "$work/pairs-8000.yaml" 1 8000
matching "$work/pairs-100.yaml" 1 100
matching "$work/pairs-100x1000.yaml" 1000 100
report "one cloze of 16,000 blanks (refused)" "$work/cloze-16000.yaml"
report "one cloze of 100 blanks" "$work/cloze-100.yaml"
report "1,000 clozes of 100 blanks" "$work/cloze-100x1000.yaml"
report "one matching card of 8,000 pairs (refused)" "$work/pairs-8000.yaml"
report "one matching card of 100 pairs" "$work/pairs-100.yaml"
report "1,000 matching cards of 100 pairs" "$work/pairs-100x1000.yaml"
