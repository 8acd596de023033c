"""x = (theta + 0.5 * noise, theta + 0.5 * noise): three means observed twice."""
from protocol import serve

SD = 0.5
REPEATS = 2
DATA = ",".join("x_%d_%d" % (r, j) for r in range(1, REPEATS + 1) for j in range(1, 4))


def simulate(theta, rng):
    return [t + SD * rng.gauss(0.0, 1.0) for _ in range(REPEATS) for t in theta]


if __name__ == "__main__":
    serve(DATA, simulate)
