#!/usr/bin/env python3
# Usage: python3 scripts/make_criteo.py SRC.csv DST.csv ROWS M (used for docs/results/criteo-sparse-updates.txt
# and docs/results/streaming-10m.txt; write DST outside the repository).
# Replicates the Criteo tiny sample into a larger Criteo-layout CSV with a realistic long tail: in replica r,
# categorical values seen <= 2 times in the sample get the suffix (r % M), so the tail grows with the replicas.
import csv, sys, collections
src, dst, rows, M = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = list(csv.reader(open(src)))
head, body = data[0], data[1:]
cidx = [i for i, h in enumerate(head) if h.startswith("C")]
counts = [collections.Counter(r[i] for r in body) for i in cidx]
vocab = [set() for _ in cidx]
with open(dst, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(head)
    n = 0
    r = 0
    while n < rows:
        for row in body:
            if n >= rows:
                break
            out = list(row)
            out[0] = str(n)
            for j, i in enumerate(cidx):
                v = row[i]
                if v and counts[j][v] <= 2:
                    v = v[:4] + "%04x" % (r % M)
                    out[i] = v
                if v:
                    vocab[j].add(v)
            w.writerow(out)
            n += 1
        r += 1
print("rows", n, "distinct categorical values", sum(len(v) for v in vocab))
