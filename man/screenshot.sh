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
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1
RANDOM=7

# Answers each question of a --json session on stdin/stdout: mostly right-looking picks.
answer_session() {
  coproc SESSION { "$quizdeck" --store "$work/s.db" "$@" --json; }
  while IFS= read -r line <&"${SESSION[0]}"; do
    [[ $line == *'"event":"question"'* ]] || continue
    case $line in
      *'"type":"truefalse"'*) reply=$((RANDOM % 4 ? 1 : 0)); reply=$([[ $reply == 1 ]] && echo true || echo false) ;;
      *'"type":"multi"'*) reply="A, C" ;;
      *'"type":"short"'* | *'"type":"cloze"'*) reply=(listening humility peer empowerment); reply=${reply[RANDOM % 4]} ;;
      *'"type":"numeric"'*) reply=$((RANDOM % 5)) ;;
      *'"type":"flash"'*) reply=(good good easy again hard); reply=${reply[RANDOM % 5]} ;;
      *) reply=(A B C D); reply=${reply[RANDOM % 4]} ;;
    esac
    echo "@$((RANDOM % 12 + 3))s $reply" >&"${SESSION[1]}"
  done
  wait "$SESSION_PID" || true
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
