#!/usr/bin/env bash
# Makes man/stats.png, the README's picture of `quizdeck stats`: six weeks of scripted
# drills and three exams on the bundled CRSS deck (answers picked at random, seeded),
# then the terminal output rendered by headless Chromium.
#   man/screenshot.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
quizdeck=$(realpath "${1:?usage: man/screenshot.sh BUILD_DIR}")/quizdeck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -n ${KEEP:-} ]] && trap - EXIT && echo "work: $work"
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1
RANDOM=7

# Answers the questions of a --json session: a learner who guesses a card at first and
# then mostly remembers what the feedback said (the "expected" of its result event).
declare -A learned
answer_session() {
  local answered=0 card reply
  coproc SESSION { "$quizdeck" --store "$work/s.db" "$@" --json; }
  local pid=$SESSION_PID
  while IFS= read -r line <&"${SESSION[0]}"; do
    if [[ $line == *'"event":"result"'* ]]; then
      [[ $line =~ \"card\":\"([^\"]*)\".*\"expected\":\"([^\"]*)\" ]] &&
        learned[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
      continue
    fi
    if [[ $line == *'"event":"invalid"'* ]] || ((answered >= 40)); then
      echo "" >&"${SESSION[1]}"  # skip it
      continue
    fi
    [[ $line == *'"event":"question"'* ]] || continue
    [[ $line =~ \"card\":\"([^\"]*)\" ]] && card=${BASH_REMATCH[1]}
    if [[ -n ${learned[$card]:-} ]] && ((RANDOM % 100 < 85)); then
      reply=${learned[$card]}
    else
      case $line in
        *'"type":"truefalse"'*) reply=(true false); reply=${reply[RANDOM % 2]} ;;
        *'"type":"multi"'*) reply="A, C" ;;
        *'"type":"short"'* | *'"type":"cloze"'*) reply=(listening humility Paris); reply=${reply[RANDOM % 3]} ;;
        *'"type":"numeric"'*) reply=$((RANDOM % 5)) ;;
        *'"type":"flash"'*) reply=(good good easy again hard); reply=${reply[RANDOM % 5]} ;;
        *) reply=(A B C D); reply=${reply[RANDOM % 4]} ;;
      esac
    fi
    echo "@$((RANDOM % 12 + 3))s $reply" >&"${SESSION[1]}"
    answered=$((answered + 1))
  done
  wait "$pid" || true
}

for day in $(seq 45 -1 1); do
  ((RANDOM % 5 == 0)) && continue  # a day off now and then
  when=$(date -u -d "2026-11-24 -$day days" +%Y-%m-%dT08:30:00Z)
  answer_session drill decks/crss.yaml decks/world-capitals.yaml --now "$when" --seed "$day"
  if ((day % 14 == 3)); then
    answer_session exam decks/crss.yaml --now "${when/08:30/19:00}" --seed "$day"
  fi
done

"$quizdeck" --store "$work/s.db" stats --now 2026-11-24T09:00:00Z --width 96 > "$work/stats.txt"
{
  echo '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
  echo 'body{margin:0;background:#1d2433;color:#e8ecf3}'
  echo 'pre{font:15px/1.3 "DejaVu Sans Mono",monospace;margin:0;padding:18px 22px}</style></head><body><pre>'
  sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g' "$work/stats.txt"
  echo '</pre></body></html>'
} > "$work/stats.html"
lines=$(wc -l < "$work/stats.txt")
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=900,$((lines * 20 + 40)) --screenshot="$PWD/man/stats.png" \
  "file://$work/stats.html" 2>/dev/null
echo "wrote man/stats.png ($lines lines)"
