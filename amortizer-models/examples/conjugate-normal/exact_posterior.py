"""Exact posterior draws of the example, for C2ST: python3 exact_posterior.py OBSERVATION.csv N SEED > draws.csv

Per coordinate, theta | x ~ N(4 (x_1 + x_2) / 9, 1/9): prior N(0, 1), two observations of SD 0.5.
"""
import random
import sys

rows = [line.strip() for line in open(sys.argv[1]) if line.strip()]
names = rows[0].split(",")
x = dict(zip(names, map(float, rows[1].split(","))))
rng = random.Random(int(sys.argv[3]))
print("mu_1,mu_2,mu_3")
for _ in range(int(sys.argv[2])):
    means = [4 * (x["x_1_%d" % j] + x["x_2_%d" % j]) / 9 for j in (1, 2, 3)]
    print(",".join(repr(m + rng.gauss(0.0, 1.0) / 3) for m in means))
