#!/usr/bin/env bash
# Reruns the planner's validation (plan-validation.md) from the repository root:
#   ./amortizer-bench/results/plan-validation.sh [--plans-only | --refit]
# the bench suite with seed 1 (one process) and seeds 2 and 3 (one process per task, for each task's compute), the
# twelve pilots, then PlanValidation's table on stdout; --plans-only keeps the committed benches and reruns the
# pilots; --refit keeps benches and pilots and refits each plan from its committed pilot.json (`plan --pilot`, about
# a minute). Wall and CPU times are compared, so run it with nothing else on the machine: about 100 minutes on 2
# cores, 20 of them the pilots. Needs jq (to cut the suite's spec into one task each).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OMP_NUM_THREADS=1
R=amortizer-bench/results
timed() { local out=$1; shift; mkdir -p "$out"; /usr/bin/time -f "cpu user %U s, sys %S s, wall %e s" -o "$out/time.txt" "$@"; }
./amortizer --version > /dev/null # builds once, outside every timed run

plans_only=false
refit=false
[ "${1:-}" = --plans-only ] && plans_only=true
[ "${1:-}" = --refit ] && plans_only=true && refit=true
$plans_only || timed "$R/bench-suite" ./amortizer bench --spec amortizer-bench/specs/suite.json --out "$R/bench-suite" \
  > "$R/bench-suite/run.log" 2>&1
tasks=(two_moons gaussian_linear slcp sir)
spec=$(mktemp --suffix=.json)
trap 'rm -f "$spec"' EXIT
for k in 2 3; do
  for i in 0 1 2 3; do
    $plans_only && break 2
    out="$R/bench-suite-seed$k/${tasks[$i]}"
    mkdir -p "$out"
    jq --argjson i "$i" --argjson k "$k" '.tasks = [.tasks[$i]] | .seed = $k' amortizer-bench/specs/suite.json > "$spec"
    timed "$out" ./amortizer bench --spec "$spec" --out "$out" > "$out/run.log" 2>&1
  done
done

declare -A target=([two_moons]=0.55 [sir]=0.67 [slcp]=0.88 [gaussian_linear]=0.53)
declare -A args=(
  [two_moons]=""
  [sir]="--method mcmc=1000,3000 --method rejection-abc=300,1000"
  [slcp]="--observations 3 --method slice=50000,100000,200000 --method rejection-abc=5000,10000"
  [gaussian_linear]="--observations 2 --pilot-simulations 500,1000,2000 --method nuts=30000,120000"
)
pairs=()
for t in "${tasks[@]}"; do
  for k in 1 2 3; do
    out="$R/plan-$t-seed$k"
    if $refit; then
      ./amortizer plan --task "$t" --seed "$k" --queries 10,1000,100000 --target-c2st "${target[$t]}" \
        --pilot "$out/pilot.json" --out "$out" > /dev/null
    else
      rm -rf "$out" && mkdir -p "$out"
      # shellcheck disable=SC2086 # the arguments are meant to split
      timed "$out" ./amortizer plan --task "$t" --seed "$k" --queries 10,1000,100000 --pilot-seconds 3000 \
        --out "$out" --target-c2st "${target[$t]}" ${args[$t]} > "$out/pilot.log" 2>&1
    fi
    bench="$R/bench-suite/$t"
    [ "$k" != 1 ] && bench="$R/bench-suite-seed$k/$t"
    pairs+=("$out" "$bench")
  done
done
# the outputs name the sbibm folder by its absolute path (through a link, or resolved); the repository keeps it relative
if [ -d ../shared ]; then
  for shared in "$(cd ../shared && pwd)" "$(cd ../shared && pwd -P)"; do
    { grep -rlF "$shared" "$R"/bench-suite "$R"/bench-suite-seed[23] "$R"/plan-*-seed[123] || true; } \
      | xargs -r sed -i "s#$shared#../shared#g"
  done
fi
java -cp "amortizer-bench/target/lib/*:amortizer-bench/target/classes" dev.amortizer.bench.plan.PlanValidation \
  "${pairs[@]}"
