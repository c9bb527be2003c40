"""PyTorch reference for SIEBench's training-throughput benchmark.

Trains the same MLP (D-H1-H2-1, ReLU, BCE-with-logits, Adam) on the same kind of pre-built in-memory data as
`siebench throughput` and prints one line: `samples_per_second=<float>` and `blas=<library>`. Usage:
    python3 torch_mlp.py ROWS DIM HIDDEN1 HIDDEN2 BATCH EPOCHS THREADS SEED
"""
import sys
import time

import torch


def blas():
    libs = []
    with open("/proc/self/maps") as f:
        for line in f:
            p = line.split()[-1]
            if ("blas" in p.lower() or "mkl" in p.lower()) and p not in libs:
                libs.append(p)
    return ",".join(libs) or "none mapped (torch %s built-in)" % torch.__version__


def main():
    rows, dim, h1, h2, batch, epochs, threads, seed = (int(a) for a in sys.argv[1:9])
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    x = torch.randn(rows, dim)
    y = (torch.rand(rows) < 0.3).float()
    model = torch.nn.Sequential(
        torch.nn.Linear(dim, h1), torch.nn.ReLU(),
        torch.nn.Linear(h1, h2), torch.nn.ReLU(),
        torch.nn.Linear(h2, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    timed = 0.0
    for epoch in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(rows)
        xs, ys = x[perm], y[perm]
        total = torch.zeros(())
        for s in range(0, rows, batch):
            opt.zero_grad(set_to_none=True)
            out = model(xs[s:s + batch]).squeeze(1)
            loss = loss_fn(out, ys[s:s + batch])
            loss.backward()
            opt.step()
            total += loss.detach()
        total.item()
        if epoch > 0:  # the first epoch is warm-up, as on the Java side
            timed += time.perf_counter() - t0
    print("blas=" + blas())
    print("samples_per_second=%.1f" % (rows * (epochs - 1) / timed))


if __name__ == "__main__":
    main()
