#!/usr/bin/python3
"""Self-test of check-notebooks.py on hand-made executed notebooks (run by run-notebooks.sh first)."""
import base64
import importlib.util
import json
import os
import struct
import tempfile
import unittest
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("check_notebooks", os.path.join(HERE, "check-notebooks.py"))
check_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_notebooks)


def tiny_png(w=3, h=2):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def cell(outputs, tags=()):
    return {"cell_type": "code", "metadata": {"tags": list(tags)}, "source": "", "outputs": outputs,
            "execution_count": 1}


TABLE = {"output_type": "execute_result", "data": {"text/html": "<table><tr><td>1</td></tr></table>",
                                                   "text/plain": "t"}, "metadata": {}, "execution_count": 1}
PNG = {"output_type": "display_data", "data": {"image/png": base64.b64encode(tiny_png()).decode()}, "metadata": {}}


class CheckNotebooksTest(unittest.TestCase):
    def run_check(self, cells):
        with tempfile.NamedTemporaryFile("w", suffix=".ipynb", delete=False) as f:
            json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, f)
        try:
            return check_notebooks.check(f.name)[0]
        finally:
            os.unlink(f.name)

    def test_png_size_reads_ihdr(self):
        self.assertEqual((3, 2), check_notebooks.png_size(tiny_png()))
        self.assertIsNone(check_notebooks.png_size(b"GIF89a" + b"\x00" * 30))

    def test_good_notebook_passes(self):
        self.assertEqual([], self.run_check([cell([TABLE], ["expect-table"]), cell([PNG], ["expect-png"])]))

    def test_png_inside_html_counts(self):
        html = {"output_type": "display_data", "metadata": {}, "data": {
            "text/html": '<table></table><img src="data:image/png;base64,%s"/>' % base64.b64encode(tiny_png()).decode()}}
        self.assertEqual([], self.run_check([cell([html], ["expect-png", "expect-table"])]))

    def test_error_output_fails(self):
        err = {"output_type": "error", "ename": "AssertionError", "evalue": "nope", "traceback": []}
        problems = self.run_check([cell([TABLE, PNG]), cell([err])])
        self.assertTrue(any("AssertionError: nope" in p for p in problems), problems)

    def test_invalid_png_and_missing_tags_fail(self):
        bad = {"output_type": "display_data", "data": {"image/png": base64.b64encode(b"hello").decode()},
               "metadata": {}}
        problems = self.run_check([cell([TABLE]), cell([bad], ["expect-png", "expect-text:done"])])
        self.assertTrue(any("not a valid PNG" in p for p in problems), problems)
        self.assertTrue(any("expect-png" in p for p in problems), problems)
        self.assertTrue(any("'done'" in p for p in problems), problems)
        self.assertTrue(any("no valid image/png" in p for p in problems), problems)

    def test_expected_text_in_stream(self):
        out = {"output_type": "stream", "name": "stdout", "text": ["all done\n"]}
        self.assertEqual([], self.run_check([cell([TABLE, PNG]), cell([out], ["expect-text:done"])]))

    def test_progress_needs_one_display_that_finished(self):
        def progress(text):
            return {"output_type": "display_data", "metadata": {},
                    "data": {"text/html": '<div class="siebench-progress">x</div>', "text/plain": text}}
        done = progress("train LR 4/4 [####]  (done in 1.2 s)")
        running = progress("train LR 2/4 [##..]  (elapsed 0.6 s)")
        self.assertEqual([], self.run_check([cell([TABLE, PNG]), cell([done, TABLE], ["expect-progress"])]))
        problems = self.run_check([cell([TABLE, PNG]), cell([TABLE], ["expect-progress"]),
                                   cell([done, done], ["expect-progress"]), cell([running], ["expect-progress"])])
        self.assertTrue(any("shows 0 progress displays" in p for p in problems), problems)
        self.assertTrue(any("shows 2 progress displays" in p for p in problems), problems)
        self.assertTrue(any("did not reach the end" in p for p in problems), problems)

    def test_notebook_without_expectations_fails(self):
        problems = self.run_check([cell([TABLE]), cell([PNG])])
        self.assertTrue(any("no cell is tagged with an expectation" in p for p in problems), problems)

    def test_misspelled_expectation_tags_fail(self):
        problems = self.run_check([cell([TABLE, PNG], ["expect-table", "expect-txt:done", "expect_png", "expect-text:"])])
        self.assertTrue(any("'expect-txt:done'" in p for p in problems), problems)
        self.assertTrue(any("'expect_png'" in p for p in problems), problems)
        self.assertTrue(any("'expect-text:'" in p for p in problems), problems)
        self.assertEqual([], self.run_check([cell([TABLE, PNG], ["expect-table", "hide-input"])]))



spec2 = importlib.util.spec_from_file_location("notebook_outputs", os.path.join(HERE, "notebook-outputs.py"))
notebook_outputs = importlib.util.module_from_spec(spec2)
spec2.loader.exec_module(notebook_outputs)
TEXT = {"output_type": "stream", "name": "stdout", "text": "42 rows\n"}


class NotebookOutputsTest(unittest.TestCase):
    """Saving outputs (normalized) and the structural freshness check of notebook-outputs.py."""

    def write(self, cells):
        with tempfile.NamedTemporaryFile("w", suffix=".ipynb", delete=False) as f:
            json.dump({"cells": cells, "metadata": {"kernelspec": {"name": "java"}, "widgets": {}},
                       "nbformat": 4, "nbformat_minor": 5}, f)
        self.addCleanup(os.unlink, f.name)
        return f.name

    def code(self, cid, outputs, source="x"):
        return {"cell_type": "code", "id": cid, "metadata": {"tags": ["expect-table"], "execution": {"t": 1}},
                "source": source, "outputs": outputs, "execution_count": 3}

    def test_save_normalizes_and_then_the_same_kinds_are_fresh(self):
        committed = self.write([self.code("a", []), self.code("b", [])])
        shown = dict(TABLE, transient={"display_id": "p1"})
        executed = self.write([self.code("a", [shown]), self.code("b", [TEXT])])
        notebook_outputs.save(executed, committed)
        with open(committed) as f:
            nb = json.load(f)
        self.assertEqual({"kernelspec": {"name": "java"}}, nb["metadata"])
        first = nb["cells"][0]
        self.assertIsNone(first["execution_count"])
        self.assertEqual({"tags": ["expect-table"]}, first["metadata"])
        self.assertNotIn("transient", first["outputs"][0])
        self.assertIsNone(first["outputs"][0]["execution_count"])
        rerun = self.write([self.code("a", [dict(TABLE, data={"text/html": "<table>2</table>", "text/plain": "u"})]),
                            self.code("b", [dict(TEXT, text="43 rows\n")])])
        self.assertEqual([], notebook_outputs.check(rerun, committed))

    def test_other_kinds_errors_and_missing_outputs_are_stale(self):
        committed = self.write([self.code("a", [TABLE]), self.code("b", [TEXT])])
        swapped = self.write([self.code("a", [TEXT]), self.code("b", [TEXT])])
        self.assertIn("cell 0", notebook_outputs.check(swapped, committed)[0])
        png_too = self.write([self.code("a", [TABLE, PNG]), self.code("b", [TEXT])])
        self.assertEqual(1, len(notebook_outputs.check(png_too, committed)))
        error = {"output_type": "error", "ename": "EvalException", "evalue": "boom", "traceback": []}
        failed = self.write([self.code("a", [TABLE]), self.code("b", [error])])
        self.assertTrue(any("error" in p for p in notebook_outputs.check(failed, committed)))
        edited = self.write([self.code("a", [TABLE], source="y"), self.code("b", [TEXT])])
        self.assertIn("source differs", notebook_outputs.check(edited, committed)[0])
        big = dict(PNG, data={"image/png": base64.b64encode(b"x" * (notebook_outputs.MAX_PNG_BYTES + 1)).decode()})
        bloated = self.write([self.code("a", [big]), self.code("b", [TEXT])])
        self.assertIn("draw it smaller", notebook_outputs.check(bloated, bloated)[0])
        empty = self.write([self.code("a", []), self.code("b", [])])
        self.assertIn("no saved outputs", notebook_outputs.check(swapped, empty)[0])

if __name__ == "__main__":
    unittest.main()
