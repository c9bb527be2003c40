#!/usr/bin/env python3
"""Prints the markdown tables of docs/results/README.md from the summary.csv files written by
scripts/gain-results.sh (standard library only).

    python3 scripts/results-table.py docs/results   (the "The tables" part of docs/results/README.md)
"""
import csv
import os
import sys

ACTIONS = [
    ("detection", "auroc", "detection AUROC"),
    ("cleaning", "recovery_logloss@0.05", "clean 5%: LogLoss recovery"),
    ("cleaning", "recovery_logloss@0.1", "clean 10%: LogLoss recovery"),
    ("cleaning", "recovery", "clean: LogLoss recovery (mean over 5-30%)"),
    ("cleaning", "recovery_resampled", "resample: LogLoss recovery"),
    ("reweighting", "recovery", "reweight: LogLoss recovery"),
    ("reweighting", "recovery_auc", "reweight: AUC recovery"),
    ("reweighting", "auc_delta", "reweight: AUC change"),
]


PRUNING = [
    ("detection", "auroc", "detection AUROC"),
    ("pruning", "mean_auc", "keep most valuable: mean test AUC"),
    ("pruning", "mean_auc_hardest", "keep hardest (Data Diet): mean test AUC"),
    ("pruning", "recovery", "keep most valuable: LogLoss recovery"),
    ("pruning", "recovery_hardest", "keep hardest: LogLoss recovery"),
    ("pruning", "recovery_logloss@0.8", "keep 80% most valuable: LogLoss recovery"),
    ("pruning", "recovery_logloss_hardest@0.8", "keep 80% hardest: LogLoss recovery"),
]


def cell(row):
    if row is None or row["mean"] in ("", "NaN"):
        return "n/a"
    text = "%.2f" % float(row["mean"]) if abs(float(row["mean"])) >= 0.1 else "%.3f" % float(row["mean"])
    if row["ci95"] not in ("", "NaN"):
        text += " ± %.2f" % float(row["ci95"]) if float(row["ci95"]) >= 0.01 else " ± %.3f" % float(row["ci95"])
    if row.get("flag"):
        text += " ⚠"
    return text


def table(run_dir):
    rows = list(csv.DictReader(open(os.path.join(run_dir, "summary.csv"))))
    by = {(r["estimator"], r["protocol"], r["metric"]): r for r in rows}
    curves = os.path.join(run_dir, "curves.csv")
    if os.path.exists(curves):
        for r in csv.DictReader(open(curves)):
            by[(r["estimator"], r["protocol"], "%s@%g" % (r["metric"], float(r["x"])))] = r
    ref = lambda e, m: by.get((e, "reference", m))
    out = []
    head = []
    for m in ("auc", "logloss"):
        n, o = ref("noisy", m), ref("oracle", m)
        if n and o:
            head.append("%s noisy %.4f, oracle %.4f" % ("AUC" if m == "auc" else "LogLoss", float(n["mean"]),
                                                        float(o["mean"])))
    out.append("; ".join(head) + ".")
    out.append("")
    columns = PRUNING if any(r["protocol"] == "pruning" for r in rows) else ACTIONS
    out.append("| estimator | " + " | ".join(a[2] for a in columns) + " |")
    out.append("|---" * (len(columns) + 1) + "|")
    estimators = []
    for r in rows:
        if r["protocol"] != "reference" and r["estimator"] not in estimators:
            estimators.append(r["estimator"])
    for e in estimators:
        out.append("| " + e + " | " + " | ".join(cell(by.get((e, p, m))) for p, m, _ in columns) + " |")
    return "\n".join(out)


def main(root):
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        if not os.path.isfile(os.path.join(d, "summary.csv")):
            continue
        command = open(os.path.join(d, "COMMAND")).read().strip() if os.path.exists(os.path.join(d, "COMMAND")) else ""
        print("### " + name)
        print()
        print("`" + command + "`")
        print()
        print(table(d))
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/results")
