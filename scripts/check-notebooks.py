#!/usr/bin/python3
"""Checks executed notebooks: no error outputs, and the outputs each notebook promises.

Every notebook must contain at least one text/html output with a <table and one valid image/png
(anywhere, inline <img> data included). A code cell tagged `expect-table` must itself produce a
text/html output containing <table; one tagged `expect-png` must produce a valid PNG (as image/png
or as a data: URI inside its HTML); one tagged `expect-text:SUBSTRING` must print or return SUBSTRING; one tagged
`expect-progress` must hold exactly one SIEBench progress display (nbclient applies update_display_data to the
output in place, so many updates still leave one output) whose final state shows finished work ("done in").
Every notebook must tag at least one cell with an expectation, and a tag that starts with `expect` but is none of
these (a typo such as `expect-txt:` or `expect_table`) is an error rather than a check that silently never runs.
Usage: check-notebooks.py EXECUTED.ipynb...
"""
import base64
import json
import re
import struct
import sys

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PROGRESS_MARK = 'class="siebench-progress"'
EXPECTATIONS = ("expect-table", "expect-png", "expect-progress")
EXPECT_TEXT = "expect-text:"


def png_size(data: bytes):
    """(width, height) of a PNG, or None when the bytes are not a PNG with an IHDR chunk."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    w, h = struct.unpack(">II", data[16:24])
    return (w, h) if w > 0 and h > 0 else None


def text_of(value):
    return "".join(value) if isinstance(value, list) else str(value)


def pngs_in(output):
    """Sizes of every PNG carried by one output, as image/png or as data: URIs in its HTML."""
    data = output.get("data", {})
    found = []
    if "image/png" in data:
        found.append(png_size(base64.b64decode(text_of(data["image/png"]))))
    html = text_of(data.get("text/html", ""))
    for b64 in re.findall(r'data:image/png;base64,([A-Za-z0-9+/=]+)', html):
        found.append(png_size(base64.b64decode(b64)))
    return found


def check(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    problems = []
    tables = 0
    images = 0
    expectations = 0
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        where = f"{path}: cell {index}"
        cell_tables = 0
        cell_pngs = 0
        progress = []
        texts = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                problems.append(f"{where}: {out.get('ename')}: {out.get('evalue')}")
                continue
            if kind == "stream":
                texts.append(text_of(out.get("text", "")))
                continue
            data = out.get("data", {})
            if PROGRESS_MARK in text_of(data.get("text/html", "")):
                progress.append(text_of(data.get("text/plain", "")))
            texts.append(text_of(data.get("text/plain", "")))
            texts.append(text_of(data.get("text/html", "")))
            if "<table" in text_of(data.get("text/html", "")):
                cell_tables += 1
            for size in pngs_in(out):
                if size is None:
                    problems.append(f"{where}: an image/png output is not a valid PNG")
                else:
                    cell_pngs += 1
        tables += cell_tables
        images += cell_pngs
        tags = cell.get("metadata", {}).get("tags", [])
        for tag in tags:
            if tag in EXPECTATIONS or (tag.startswith(EXPECT_TEXT) and len(tag) > len(EXPECT_TEXT)):
                expectations += 1
            elif tag.lower().startswith("expect"):
                problems.append(f"{where}: unknown expectation tag {tag!r} (known: {', '.join(EXPECTATIONS)},"
                                f" {EXPECT_TEXT}TEXT)")
        if "expect-table" in tags and cell_tables == 0:
            problems.append(f"{where}: tagged expect-table but shows no HTML table")
        if "expect-png" in tags and cell_pngs == 0:
            problems.append(f"{where}: tagged expect-png but shows no valid PNG")
        if "expect-progress" in tags:
            if len(progress) != 1:
                problems.append(f"{where}: tagged expect-progress but shows {len(progress)} progress displays, not one"
                                " updated in place")
            elif "done in" not in progress[0]:
                problems.append(f"{where}: its progress display did not reach the end: {progress[0]!r}")
        for tag in tags:
            if tag.startswith("expect-text:") and tag[len("expect-text:"):] not in "".join(texts):
                problems.append(f"{where}: expected output text '{tag[len('expect-text:'):]}'")
    if tables == 0:
        problems.append(f"{path}: no text/html output with a <table")
    if expectations == 0:
        problems.append(f"{path}: no cell is tagged with an expectation (expect-table, expect-png, expect-progress,"
                        " expect-text:...)")
    if images == 0:
        problems.append(f"{path}: no valid image/png output")
    return problems, tables, images


def main(paths):
    failed = 0
    for p in paths:
        problems, tables, images = check(p)
        for msg in problems:
            print("check-notebooks: " + msg, file=sys.stderr)
        if problems:
            failed += 1
        else:
            print(f"check-notebooks: {p}: {tables} tables, {images} images, no errors")
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
