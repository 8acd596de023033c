"""The amortizer external-command protocol, for Python commands (standard library only).

Each batch arrives on stdin as the line "#batch SEED ROWS", a CSV header, then ROWS lines of
comma-separated numbers; the answer is a header line, then one line per input row, in order.
serve() runs that loop until stdin closes; `answer(values, rng)` maps one input row to one
output row (a list of floats). A row that cannot be computed may raise: the process exits
with an error, and amortizer retries the rest of the batch without that row.
"""
import random
import sys


def serve(header, answer):
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        tag, seed, rows = line.split()
        if tag != "#batch":
            raise SystemExit("protocol error: expected '#batch SEED ROWS', got " + line.strip())
        sys.stdin.readline()  # the input's header: names of the columns, in the order of the values
        rng = random.Random(int(seed))
        out = [header]
        for _ in range(int(rows)):
            values = [float(v) for v in sys.stdin.readline().split(",")]
            out.append(",".join(repr(float(v)) for v in answer(values, rng)))
        sys.stdout.write("\n".join(out) + "\n")
        sys.stdout.flush()
