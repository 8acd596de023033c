#!/usr/bin/env bash
# One cell of sbibm-table.md, from the repository root:
#   amortizer-bench/results/sbibm-table/cell.sh TASK SIMULATIONS WORKDIR [SEED]
# trains the default amortiser (`amortizer train`, no --estimator) on SIMULATIONS simulations of TASK with seed SEED
# (default 1), scores it against sbibm's reference posteriors on the 10 observations (`amortizer evaluate`: 10,000
# draws, C2ST seed k for observation k) and prints the table's row: task, simulations, kept candidate, the ten
# C2STs, their mean, training wall and CPU seconds, epochs, peak resident memory. TRAIN_OPTS adds options to
# `train` (TRAIN_OPTS=--no-log-scale: the default before the log scale); AMORTIZER_SBIBM=datasets scores a task of the
# project's own (theis) against its references under datasets/.
set -euo pipefail
cd "$(dirname "$0")/../../.." # evaluate finds sbibm's references as ../shared/sbibm from the repository root
task=$1 n=$2 seed=${4:-1}
mkdir -p "$3"
name="$(cd "$3" && pwd)/$task-$n-s$seed"
AMORTIZER_JAVA_OPTS="${AMORTIZER_JAVA_OPTS:--Xmx6g}" /usr/bin/time -v -o "$name.time" \
  ./amortizer train --task "$task" --simulations "$n" --seed "$seed" ${TRAIN_OPTS:-} --out "$name.zip" > "$name.train" 2>&1
./amortizer evaluate --model "$name.zip" > "$name.eval" 2>&1
unzip -p "$name.zip" manifest.json | python3 -c '
import json, re, sys
m = json.load(sys.stdin)
task, n, evalf, timef, trainf = sys.argv[1:6]
kept = re.search(r"trained npe-(\S+) on", open(trainf).read()).group(1)
lines = open(evalf).read().splitlines()
obs = [float(l.split("|")[2]) for l in lines if re.match(r"^\| \d+ \|", l)]
mean = float(re.search(r"mean C2ST ([0-9.]+)", lines[-1]).group(1))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(timef).read()).group(1))
t = m["costs"]["training"]
cells = " ".join("1.00" if c.startswith("1") else c[1:] for c in ("%.3f" % v for v in obs))
print("| %s | %s | %s | %s | **%.3f** | %.1f (%.1f) | %d | %.1f GiB |" % (task, n, kept, cells, mean,
      t["wallSeconds"], t["cpuSeconds"], m["training"]["epochs"], rss / 1048576))
' "$task" "$n" "$name.eval" "$name.time" "$name.train"
