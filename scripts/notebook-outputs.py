#!/usr/bin/python3
"""Saved notebook outputs: write them back with low diff noise, and check that they are structurally fresh.

  notebook-outputs.py save  EXECUTED.ipynb COMMITTED.ipynb   copy EXECUTED's outputs into COMMITTED, normalized
  notebook-outputs.py check EXECUTED.ipynb COMMITTED.ipynb   compare the kinds of outputs cell by cell

Normalization (what `save` writes, so a re-run changes only what the cells really print): execution counts are
null; cell metadata keeps only `tags`; notebook metadata keeps only `kernelspec` and `language_info` as committed;
outputs lose `transient` (display ids) and `execution_count`; the progress displays of the bundled kernel keep
their final state. Sources and cell ids are those of COMMITTED, never of the executed copy.

Freshness (`check`): both notebooks have the same code cells (same ids and sources), and every code cell of the
executed copy produced outputs of the same kinds as the saved ones: the same sequence of
(output_type, stream name or sorted MIME types). No output of either may be an error. The numbers inside the
outputs may differ (training is seeded, but timings and progress text are not); their structure may not.
A committed notebook without any saved output fails the check with the command that saves them, and so does
a saved PNG (as image/png or inline in HTML) larger than MAX_PNG_BYTES.
"""
import base64
import json
import re
import sys

MAX_PNG_BYTES = 300_000   # a saved chart larger than this bloats the repository: draw it smaller


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def signature(output):
    kind = output.get("output_type")
    if kind == "stream":
        return (kind, output.get("name"))
    if kind == "error":
        return (kind, output.get("ename"))
    return (kind, tuple(sorted(output.get("data", {}).keys())))


def png_bytes(output):
    data = output.get("data", {})
    found = []
    if "image/png" in data:
        png = data["image/png"]
        found.append(len(base64.b64decode("".join(png) if isinstance(png, list) else png)))
    html = data.get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    for b64 in re.findall(r'data:image/png;base64,([A-Za-z0-9+/=]+)', html):
        found.append(len(base64.b64decode(b64)))
    return found


def normalized(output):
    out = {k: v for k, v in output.items() if k not in ("transient", "execution_count")}
    if out.get("output_type") == "execute_result":
        out["execution_count"] = None
    return out


def code_cells(nb):
    return [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def save(executed_path, committed_path):
    executed, committed = load(executed_path), load(committed_path)
    by_id = {c.get("id"): c for c in code_cells(executed)}
    ran = code_cells(executed)
    for n, cell in enumerate(code_cells(committed)):
        match = by_id.get(cell.get("id")) or (ran[n] if n < len(ran) else None)
        if match is None or source(match) != source(cell):
            sys.exit(f"notebook-outputs: {executed_path} does not match {committed_path} at code cell {n}")
        cell["outputs"] = [normalized(o) for o in match.get("outputs", [])]
        cell["execution_count"] = None
    for cell in committed.get("cells", []):
        tags = cell.get("metadata", {}).get("tags")
        cell["metadata"] = {"tags": tags} if tags else {}
    committed["metadata"] = {k: v for k, v in committed.get("metadata", {}).items()
                             if k in ("kernelspec", "language_info")}
    with open(committed_path, "w", encoding="utf-8") as f:
        json.dump(committed, f, indent=1, ensure_ascii=False)
        f.write("\n")


def check(executed_path, committed_path):
    executed, committed = load(executed_path), load(committed_path)
    problems = []
    saved, ran = code_cells(committed), code_cells(executed)
    if not any(c.get("outputs") for c in saved):
        return [f"{committed_path}: no saved outputs; save them with "
                f"SIEBENCH_NB_SAVE=1 scripts/run-notebooks.sh {committed_path}"]
    if len(saved) != len(ran):
        return [f"{committed_path}: {len(saved)} code cells saved, {len(ran)} executed"]
    index = [i for i, c in enumerate(committed.get("cells", [])) if c.get("cell_type") == "code"]
    for n, (s, r) in enumerate(zip(saved, ran)):
        where = f"{committed_path}: cell {index[n]}"
        if source(s) != source(r):
            problems.append(f"{where}: the executed source differs from the saved one")
            continue
        for label, cell in (("saved", s), ("executed", r)):
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error":
                    problems.append(f"{where}: {label} output is an error ({o.get('ename')}: {o.get('evalue')})")
        for o in s.get("outputs", []):
            for size in png_bytes(o):
                if size > MAX_PNG_BYTES:
                    problems.append(f"{where}: a saved PNG of {size} bytes (at most {MAX_PNG_BYTES}): draw it smaller")
        want = [signature(o) for o in s.get("outputs", [])]
        got = [signature(o) for o in r.get("outputs", [])]
        if want != got:
            problems.append(f"{where}: saved outputs {want} but the run produced {got}; "
                            f"save them again with SIEBENCH_NB_SAVE=1 scripts/run-notebooks.sh {committed_path}")
    return problems


def main(argv):
    if len(argv) != 4 or argv[1] not in ("save", "check"):
        sys.exit(__doc__)
    if argv[1] == "save":
        save(argv[2], argv[3])
        return 0
    problems = check(argv[2], argv[3])
    for p in problems:
        print(p)
    print(f"{argv[3]}: saved outputs {'stale' if problems else 'fresh'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
