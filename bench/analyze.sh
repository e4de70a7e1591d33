#!/usr/bin/env bash
# Benchmark, not a test: `quizdeck analyze` over a class. A generated bank of 200
# four-choice questions and one results file per learner (each sits one exam of all 200
# questions and drills 40 of them), answered by a two-parameter logistic model; for 500
# learners (100,000 exam answers, the issue's target: seconds) and for 5,000 (1,000,000),
# it prints the wall time, the peak memory, answers per second, and the ratio of the
# larger run's time and memory to the smaller's (streaming: memory grows with the
# answers kept, not with the text read).
# Usage: bench/analyze.sh [BUILD_DIR]   (needs python3)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
work="$build/bench-analyze"
rm -rf "$work"
mkdir -p "$work"
quizdeck=("$build/quizdeck" --store "$work/none.db")

python3 - "$work/bank.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("title: Benchmark bank\nid: bench\nexam: {questions: 200, pass: 60%}\ncards:\n")
    for q in range(200):
        f.write(f"  - id: q{q:03}\n    question: Question {q} of the benchmark bank?\n")
        f.write(f"    choices: [Right {q}, Wrong {q} one, Wrong {q} two, Wrong {q} three]\n")
        f.write(f"    answer: Right {q}\n")
PY
printf '{"type":"results","format":"quizdeck-results","version":1,"exported":"2026-01-01T00:00:00Z"}\n' \
  > "$work/empty.jsonl"
"${quizdeck[@]}" analyze "$work/bank.yaml" "$work/empty.jsonl" --json > "$work/cards.json"

generate() {  # generate DIR LEARNERS
  python3 - "$work/cards.json" "$1" "$2" <<'PY'
import json, math, os, random, sys
cards = {i["card"]: i["content"] for i in json.load(open(sys.argv[1]))["items"]}
out, learners = sys.argv[2], int(sys.argv[3])
os.makedirs(out, exist_ok=True)
rng = random.Random(7)
ids = sorted(cards)
for n in range(learners):
    theta = rng.gauss(0, 1)
    lines = [json.dumps({"type": "results", "format": "quizdeck-results", "version": 1,
                         "learner": f"learner {n}", "exported": "2026-02-01T00:00:00Z"})]
    lines.append(json.dumps({"type": "exam", "attempt": 1, "decks": ["bench"],
        "started": "2026-01-10T09:00:00Z", "ended": "2026-01-10T11:00:00Z", "seconds": 7200,
        "pass_mark": 60, "complete": True,
        "questions": [{"deck": "bench", "card": c} for c in ids]}))
    for k, card in enumerate(ids):
        q = int(card[1:])
        b = -1 + 2 * q / 199
        right = rng.random() < 1 / (1 + math.exp(-1.7 * (theta - b)))
        pick = f"Right {q}" if right else f"Wrong {q} " + rng.choice(["one", "two", "three"])
        shown = [f"Right {q}", f"Wrong {q} one", f"Wrong {q} two", f"Wrong {q} three"]
        lines.append(json.dumps({"type": "answer", "attempt": 1, "mode": "exam", "deck": "bench",
            "card": card, "content": cards[card], "time": f"2026-01-10T09:{k // 60 % 60:02}:{k % 60:02}Z",
            "shown": shown, "picked": [pick], "correct": right, "credit": 1 if right else 0,
            "rating": 3 if right else 1, "seconds": round(rng.uniform(5, 60), 1), "scheduled": True}))
    for d in range(40):
        card = ids[(n + d * 5) % 200]
        right = rng.random() < 0.7
        lines.append(json.dumps({"type": "answer", "mode": "drill", "deck": "bench", "card": card,
            "content": cards[card], "time": f"2026-01-{11 + d // 10:02}T10:{d % 60:02}:00Z",
            "picked": [f"Right {card[1:].lstrip('0') or '0'}"] if right else None,
            "correct": right, "credit": 1 if right else 0, "rating": 3 if right else 1,
            "seconds": 8, "scheduled": True}))
    with open(os.path.join(out, f"learner{n:05}.jsonl"), "w") as f:
        f.write("\n".join(lines) + "\n")
PY
}

printf '%-9s %10s %10s %9s %9s %12s\n' learners answers "MiB read" "time s" "peak MiB" "answers/s"
declare -A seconds memory
for learners in 500 5000; do
  dir="$work/class-$learners"
  generate "$dir" "$learners"
  answers=$((learners * 240))
  size=$(du -sm "$dir" | cut -f1)
  /usr/bin/time -f '%e %M' -o "$work/time" "${quizdeck[@]}" analyze "$work/bank.yaml" "$dir"/*.jsonl \
    --json -o "$work/report-$learners.json" 2> /dev/null
  read -r secs kib < "$work/time"
  seconds[$learners]=$secs
  memory[$learners]=$kib
  printf '%-9s %10s %10s %9s %9s %12s\n' "$learners" "$answers" "$size" "$secs" $((kib / 1024)) \
    "$(awk -v a="$answers" -v s="$secs" 'BEGIN { printf "%.0f", a / (s > 0 ? s : 0.01) }')"
done
awk -v t1="${seconds[500]}" -v t2="${seconds[5000]}" -v m1="${memory[500]}" -v m2="${memory[5000]}" \
  'BEGIN { printf "10x the learners: %.1fx the time, %.1fx the memory\n", t2 / (t1 > 0 ? t1 : 0.01), m2 / m1 }'
