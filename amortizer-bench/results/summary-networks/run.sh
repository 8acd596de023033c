#!/usr/bin/env bash
# Reproduces summary-networks.md from the repository root: ./amortizer-bench/results/summary-networks/run.sh WORKDIR
# (the measured runs used a frozen copy of the build, am.sh = ./amortizer, with OMP_NUM_THREADS=1 and nice -n 5; the
# 1,000-step runs and the 10-observation C2STs used ./amortizer itself under nice -n 19).
set -euo pipefail
A="$(cd "$(dirname "$0")/../../.." && pwd)/amortizer"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$1" && cd "$1"
row() { (head -1 "$1"; sed -n "$(( $2 + 1 ))p" "$1"); }

# DeepSets on gaussian_linear_iid: one network over m in 1..100, and one network for each m alone
$A train --task gaussian_linear_iid      --summary deepsets --simulations 10000 --seed 1 --out var_s1.zip
$A train --task gaussian_linear_iid_m10  --summary deepsets --simulations 10000 --seed 1 --out m10_s1.zip
$A train --task gaussian_linear_iid_m100 --summary deepsets --simulations 10000 --seed 1 --out m100_s1.zip
$A simulate --task gaussian_linear_iid_m10  --n 3 --seed 101 --out obs10
$A simulate --task gaussian_linear_iid_m100 --n 3 --seed 102 --out obs100
for m in 10 100; do for k in 1 2 3; do
  row obs$m/x.csv $k > obs${m}_$k.csv
  $A reference --task gaussian_linear_iid --observation obs${m}_$k.csv --n 10000 --seed $((1000 + m + k)) --out ref${m}_$k.csv
done; done

# 1-D convolution on noisy_signal, against a flow reading the raw 100 values
$A train --task noisy_signal --summary conv  --simulations 10000 --seed 1 --out sig_conv_s1.zip
$A train --task noisy_signal --estimator maf --simulations 10000 --seed 1 --out sig_flat_s1.zip
$A simulate --task noisy_signal --n 5 --seed 201 --out obssig
for k in 1 2 3 4 5; do
  row obssig/x.csv $k > obssig_$k.csv
  $A reference --task noisy_signal --observation obssig_$k.csv --n 10000 --seed $((2000 + k)) --out refsig_$k.csv
done

# the same conv network on 1,000 steps (noisy_signal_1000) and on 100 (noisy_signal), 3,000 simulations, training
# seeds 1 and 2, timed (peak RSS) with a 2 GB heap and its GC log; both tasks' 10 observations come from
# simulate --seed 301 (the same ten θ*), their exact references from reference --seed 3000+k
for t in short:noisy_signal long:noisy_signal_1000; do
  tag=${t%%:*} task=${t#*:}
  for s in 1 2; do
    AMORTIZER_JAVA_OPTS="-Xmx2g -Xlog:gc:file=${tag}3k_s$s.gc" /usr/bin/time -v -o ${tag}3k_s$s.time \
      $A train --task $task --summary conv --simulations 3000 --seed $s --out ${tag}3k_s$s.zip
  done
  $A simulate --task $task --n 10 --seed 301 --out obs$tag
  for k in $(seq 1 10); do
    row obs$tag/x.csv $k > obs${tag}_$k.csv
    $A reference --task $task --observation obs${tag}_$k.csv --n 10000 --seed $((3000 + k)) --out ref${tag}_$k.csv
  done
done

# what one epoch at 10⁴ costs on 1,000 steps, and the memory it holds (3 epochs only)
AMORTIZER_JAVA_OPTS="-Xmx2g -Xlog:gc:file=long10k_e3.gc" /usr/bin/time -v -o long10k_e3.time \
  $A train --task noisy_signal_1000 --summary conv --simulations 10000 --max-epochs 3 --seed 1 --out long10k_e3.zip

# C2ST (10,000 draws, sample seed 7, C2ST seed 1); eval.sh runs the launcher named by $A
export A
cp "$here/eval.sh" eval.sh && chmod +x eval.sh
for model in var_s1 m10_s1; do ./eval.sh $model.zip 10_1 10_2 10_3; done
for model in var_s1 m100_s1; do ./eval.sh $model.zip 100_1 100_2 100_3; done
for model in sig_conv_s1 sig_flat_s1; do ./eval.sh $model.zip sig_1 sig_2 sig_3 sig_4 sig_5; done
for tag in short long; do for s in 1 2; do
  ./eval.sh ${tag}3k_s$s.zip $(for k in $(seq 1 10); do printf '%s_%d ' $tag $k; done)
done; done
./eval.sh sig_conv_s1.zip $(for k in $(seq 1 10); do printf 'short_%d ' $k; done)
