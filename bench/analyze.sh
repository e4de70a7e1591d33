#!/usr/bin/env bash
# Benchmark, not a test: `quizdeck analyze` over a class. A generated bank of 200
# four-choice questions and one results file per learner (each sits one exam of all 200
# questions and drills 40 of them), answered by a two-parameter logistic model; for
# classes of about 100,000, 1,000,000 and 3,000,000 answers it prints the wall time, the
# peak memory and answers per second, beside a plain Python script computing facility and
# discrimination over the same files (the yardstick issue 31 sets: 5x faster than it), and
# the growth of time and memory from the smallest class to the largest (streaming: memory
# should not grow with the answers read).
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

# The yardstick: facility and discrimination (item-rest correlation) of each card, in the
# plainest Python, over the same files.
cat > "$work/itemstats.py" <<'PY'
import json, sys, statistics
scores, answers = [], []
for path in sys.argv[1:]:
    mine = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "answer" and r.get("mode") == "exam":
                mine[r["card"]] = 1.0 if r["correct"] else 0.0
    answers.append(mine)
    scores.append(sum(mine.values()))
def corr(x, y):
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5 if sxx > 0 and syy > 0 else float("nan")
for c in sorted({c for a in answers for c in a}):
    x = [a[c] for a in answers if c in a]
    rest = [s - a[c] for s, a in zip(scores, answers) if c in a]
    print(c, round(statistics.fmean(x), 4), round(corr(x, rest), 4))
PY

printf '%-9s %10s %9s %9s %9s %11s %10s %8s\n' learners answers "MiB read" "time s" "peak MiB" "answers/s" \
  "python s" "speedup"
declare -A seconds memory
sizes=(417 4167 12500)  # 240 answers each: about 100k, 1M and 3M
for learners in "${sizes[@]}"; do
  dir="$work/class-$learners"
  generate "$dir" "$learners"
  answers=$((learners * 240))
  size=$(du -sm "$dir" | cut -f1)
  /usr/bin/time -f '%e %M' -o "$work/time" "${quizdeck[@]}" analyze "$work/bank.yaml" "$dir"/*.jsonl \
    --json -o "$work/report-$learners.json" 2> /dev/null
  read -r secs kib < "$work/time"
  seconds[$learners]=$secs
  memory[$learners]=$kib
  /usr/bin/time -f '%e' -o "$work/time-python" python3 "$work/itemstats.py" "$dir"/*.jsonl > /dev/null
  python_secs=$(cat "$work/time-python")
  printf '%-9s %10s %9s %9s %9s %11s %10s %8s\n' "$learners" "$answers" "$size" "$secs" \
    $((kib / 1024)) \
    "$(awk -v a="$answers" -v s="$secs" 'BEGIN { printf "%.0f", a / (s > 0 ? s : 0.01) }')" \
    "$python_secs" "$(awk -v p="$python_secs" -v s="$secs" 'BEGIN { printf "%.2fx", p / (s > 0 ? s : 0.01) }')"
  rm -rf "$dir"  # the largest class is over a gigabyte of files
done
awk -v t1="${seconds[417]}" -v t2="${seconds[12500]}" -v m1="${memory[417]}" -v m2="${memory[12500]}" \
  'BEGIN { printf "30x the learners: %.1fx the time, %.1fx the memory (target: flat)\n", t2 / (t1 > 0 ? t1 : 0.01), m2 / m1 }'
