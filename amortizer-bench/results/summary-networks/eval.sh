#!/usr/bin/env bash
# usage: eval.sh MODEL.zip OBS_TAG...   (OBS_TAG e.g. 10_1 reads obs10_1.csv and ref10_1.csv)
# draws 10,000 posterior samples (seed 7) and prints "model tag c2st" (C2ST seed 1); $A is the amortizer launcher
m=$1; shift
for tag in "$@"; do
  "$A" sample --model $m --observation obs$tag.csv --n 10000 --seed 7 --out draws_${m%.zip}_$tag.csv >/dev/null
  echo "$m $tag $("$A" c2st ref$tag.csv draws_${m%.zip}_$tag.csv --seed 1)"
done
