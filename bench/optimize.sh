#!/usr/bin/env bash
# Benchmark, not a test: quizdeck's FSRS optimizer against fsrs-rs (the optimizer inside
# Anki, through its official Node binding in ../shared/fsrs/optimizer) on the same
# synthetic review logs, generated from known parameters by gen-revlog.mjs with several
# seeds. For each log it prints both fitted log losses and their ratio (target: ours within
# 1% of fsrs-rs's, lower welcome), both fit times and their ratio (target: ours no slower;
# ours is the whole `quizdeck optimize` run, CSV reading and both evaluations included,
# fsrs-rs's the fit alone), and how far our evaluation of fsrs-rs's fitted parameters is
# from fsrs-rs's own (target: under 1e-4).
# Usage: bench/optimize.sh [BUILD_DIR] [SEED...]   (default: build, seeds 1-5)
# Needs node and npm (the binding is installed into BUILD_DIR/bench-optimize once).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
shift || true
seeds=("$@")
[[ ${#seeds[@]} -gt 0 ]] || seeds=(1 2 3 4 5)
reference=$(realpath ../shared/fsrs/optimizer)
work="$build/bench-optimize"
mkdir -p "$work"
cp "$reference"/package.json "$reference"/package-lock.json "$reference"/*.mjs "$work/"
if [[ ! -d "$work/node_modules/@open-spaced-repetition/binding" ]]; then
  (cd "$work" && npm install --silent --no-audit --no-fund > /dev/null)
fi

field() {  # field JSON NAME: one value of a flat JSON object
  node -e 'const o = JSON.parse(process.argv[1]); const v = process.argv[2].split(".").reduce((a, k) => a[k], o); console.log(Array.isArray(v) ? v.join(",") : v)' "$1" "$2"
}

printf '%-16s %7s  %9s %9s %7s  %7s %7s %6s  %9s %9s\n' log items ours fsrs-rs ratio \
  "ours s" "rs s" ratio "|eval Δ|" "|rmse Δ|"
run_one() {  # run_one NAME gen-revlog-arguments...
  local name=$1
  shift
  local csv="$work/$name.csv"
  (cd "$work" && node gen-revlog.mjs "$@" > "$csv" 2> /dev/null)
  local rs ours start end ours_s rs_s evaluated
  rs=$(cd "$work" && node fit.mjs "$csv")
  start=$(date +%s%N)
  ours=$(TZ=UTC "$build/quizdeck" --store "$work/none.db" optimize --from-csv "$csv" --json)
  end=$(date +%s%N)
  ours_s=$(echo "($end - $start) / 1000000000" | bc -l)
  rs_s=$(echo "$(field "$rs" ms) / 1000" | bc -l)
  # Our evaluation of fsrs-rs's fitted parameters against fsrs-rs's own figures.
  evaluated=$(TZ=UTC "$build/quizdeck" --store "$work/none.db" optimize --from-csv "$csv" \
    --evaluate --json --params "$(field "$rs" params)")
  node -e '
    const [name, rs, ours, ev, oursS, rsS] = process.argv.slice(1);
    const r = JSON.parse(rs), o = JSON.parse(ours), e = JSON.parse(ev);
    const f = (x, d) => x.toFixed(d);
    console.log([name.padEnd(16), String(o.items).padStart(7), " ", f(o.log_loss, 5).padStart(9),
      f(r.logLoss, 5).padStart(9), f(o.log_loss / r.logLoss, 4).padStart(7), " ",
      f(+oursS, 2).padStart(7), f(+rsS, 2).padStart(7), f(oursS / rsS, 2).padStart(6), " ",
      Math.abs(e.log_loss - r.logLoss).toExponential(1).padStart(9),
      Math.abs(e.rmse_bins - r.rmseBins).toExponential(1).padStart(9)].join(" "));
  ' "$name" "$rs" "$ours" "$evaluated" "$ours_s" "$rs_s"
}
for seed in "${seeds[@]}"; do
  run_one "seed $seed" --seed "$seed"
done
run_one "seed 7, large" --seed 7 --cards-per-day 45
run_one "seed 8, no same" --seed 8 --same-day off
