"""PyTorch reference for SIEBench's DeepFM training-throughput benchmark (Criteo shape).

The same DeepFM as siebench.model.CtrNetwork (Guo et al. 2017): one shared embedding table over all fields, a
first-order weight table, a dense linear term without bias, a global bias, the FM second-order term, and an MLP
(ReLU, biases) over the concatenated embeddings and dense values with a bias-free output layer; BCE with
logits, dense Adam (lr 1e-3), on pre-built in-memory data whose ids follow the same skewed law as the Java side
(id = floor(V * u^3) within each field). Prints `samples_per_second=<float>` and `blas=<library>`. Usage:
    python3 torch_deepfm.py ROWS VOCABS(comma-separated) DENSE EMB H1 H2 BATCH EPOCHS THREADS SEED SPARSE
With SPARSE=1 the two embedding tables are sparse (torch.nn.Embedding(sparse=True)) and updated by SparseAdam
(lazy Adam: only the rows in the batch), the rest by Adam.
"""
import sys
import time

import torch


class DeepFM(torch.nn.Module):
    def __init__(self, vocab, fields, dense, k, h1, h2, sparse):
        super().__init__()
        self.emb = torch.nn.Embedding(vocab, k, sparse=sparse)
        torch.nn.init.normal_(self.emb.weight, std=0.01)
        self.lin = torch.nn.Embedding(vocab, 1, sparse=sparse)
        torch.nn.init.zeros_(self.lin.weight)
        self.dense_linear = torch.nn.Linear(dense, 1, bias=False)
        self.bias = torch.nn.Parameter(torch.zeros(1))
        self.mlp = torch.nn.Sequential(
            torch.nn.Linear(fields * k + dense, h1), torch.nn.ReLU(),
            torch.nn.Linear(h1, h2), torch.nn.ReLU(),
            torch.nn.Linear(h2, 1, bias=False))

    def forward(self, idx, dense):
        w = self.lin(idx).sum(dim=(1, 2))
        e = self.emb(idx)
        s = e.sum(dim=1)
        fm = 0.5 * (s.square() - e.square().sum(dim=1)).sum(dim=1)
        x0 = torch.cat([e.reshape(e.shape[0], -1), dense], dim=1)
        return w + self.dense_linear(dense).squeeze(1) + fm + self.mlp(x0).squeeze(1) + self.bias


def blas():
    libs = []
    with open("/proc/self/maps") as f:
        for line in f:
            p = line.split()[-1]
            if ("blas" in p.lower() or "mkl" in p.lower()) and p not in libs:
                libs.append(p)
    return ",".join(libs) or "none mapped (torch %s built-in)" % torch.__version__


def main():
    rows = int(sys.argv[1])
    vocabs = [int(v) for v in sys.argv[2].split(",")]
    dense, k, h1, h2, batch, epochs, threads, seed, sparse = (int(a) for a in sys.argv[3:12])
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    offsets = torch.tensor([0] + vocabs[:-1]).cumsum(0)
    sizes = torch.tensor(vocabs, dtype=torch.float64)
    u = torch.rand(rows, len(vocabs), dtype=torch.float64)
    idx = (sizes * u.pow(3)).floor().long().clamp_max(sizes.long() - 1) + offsets
    x = torch.randn(rows, dense)
    y = (torch.rand(rows) < 0.25).float()
    model = DeepFM(sum(vocabs), len(vocabs), dense, k, h1, h2, sparse == 1)
    tables = [model.emb.weight, model.lin.weight]
    rest = [p for p in model.parameters() if all(p is not t for t in tables)]
    if sparse == 1:
        opts = [torch.optim.SparseAdam(tables, lr=1e-3), torch.optim.Adam(rest, lr=1e-3)]
    else:
        opts = [torch.optim.Adam(model.parameters(), lr=1e-3)]
    loss_fn = torch.nn.BCEWithLogitsLoss()
    timed = 0.0
    for epoch in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(rows)
        ids, xs, ys = idx[perm], x[perm], y[perm]
        total = torch.zeros(())
        for s in range(0, rows, batch):
            for opt in opts:
                opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(ids[s:s + batch], xs[s:s + batch]), ys[s:s + batch])
            loss.backward()
            for opt in opts:
                opt.step()
            total += loss.detach()
        total.item()
        if epoch > 0:  # the first epoch is warm-up, as on the Java side
            timed += time.perf_counter() - t0
    print("blas=" + blas())
    print("samples_per_second=%.1f" % (rows * (epochs - 1) / timed))


if __name__ == "__main__":
    main()
