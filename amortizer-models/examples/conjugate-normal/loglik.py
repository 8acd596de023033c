"""log p(x | theta) of simulator.py, up to a constant: input rows are theta (3 values) then x (6)."""
from protocol import serve

SD = 0.5


def loglik(row, rng):
    theta, x = row[:3], row[3:]
    return [-0.5 * sum(((xi - theta[i % 3]) / SD) ** 2 for i, xi in enumerate(x))]


if __name__ == "__main__":
    serve("log_likelihood", loglik)
