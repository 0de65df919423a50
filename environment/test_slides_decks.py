"""Tests of environment/slides_decks.py (run by environment/test: python -m unittest discover -s environment)."""
import contextlib
import io
import os
import tempfile
import unittest

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import slides_decks


def slide(kind, cell):
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def notebook(*cells):
    return new_notebook(cells=list(cells))


class SlidesDecksTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.root = self.dir.name
        for sub in ("notebooks", "executed", "stage", "out"):
            os.makedirs(os.path.join(self.root, sub))

    def write(self, folder, name, nb):
        path = os.path.join(self.root, folder, name)
        nbformat.write(nb, path)
        return path

    def prepare(self, *notebooks):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = slides_decks.prepare(os.path.join(self.root, "executed"), os.path.join(self.root, "stage"),
                                          list(notebooks))
        return status, err.getvalue()

    def lecture(self):
        return notebook(slide("slide", new_markdown_cell("# Title")),
                        slide("fragment", new_code_cell("train(model);")),
                        slide("subslide", new_markdown_cell("## Results")),
                        slide("-", new_code_cell("show(table);")))

    def test_invalid_slide_metadata_names_the_notebook_and_the_cell(self):
        nb = self.lecture()
        nb.cells[1].metadata["slideshow"]["slide_type"] = "frament"
        nb.cells[3].metadata["tags"] = ["slides-hide-outputs"]
        nb.cells[2].metadata["tags"] = ["slides-hide-input"]
        source = self.write("notebooks", "a.ipynb", nb)
        self.write("executed", "a.ipynb", nb)
        status, err = self.prepare(source)
        self.assertEqual(1, status)
        self.assertIn("a.ipynb, cell 2 (code: `train(model);`): slideshow metadata", err)
        self.assertIn('{"slide_type": "frament"}; slide_type must be one of', err)
        self.assertIn("cell 4 (code: `show(table);`): unknown tag 'slides-hide-outputs'", err)
        self.assertIn("cell 3 (markdown: `## Results`): tag 'slides-hide-input' is for code cells", err)
        self.assertEqual([], os.listdir(os.path.join(self.root, "stage")), "nothing staged")

    def test_a_missing_or_stale_executed_copy_is_named(self):
        nb = self.lecture()
        missing = self.write("notebooks", "missing.ipynb", nb)
        stale = self.write("notebooks", "stale.ipynb", nb)
        old = self.lecture()
        old.cells[3].source = "show(oldTable);"
        self.write("executed", "stale.ipynb", old)
        status, err = self.prepare(missing, stale)
        self.assertEqual(1, status)
        self.assertIn("missing.ipynb: no executed copy", err)
        self.assertIn("stale.ipynb, cell 4 (code: `show(table);`) differs from its executed copy", err)

    def test_the_staged_copy_has_the_outputs_of_the_run_and_the_layout_of_the_notebook(self):
        run = self.lecture()
        run.cells[1].outputs = [new_output("stream", name="stdout", text="epoch 1/1\n")]
        self.write("executed", "a.ipynb", run)
        nb = self.lecture()
        nb.cells[1].metadata["tags"] = ["slides-hide-output"]
        nb.cells[2].metadata["slideshow"]["slide_type"] = "slide"
        status, err = self.prepare(self.write("notebooks", "a.ipynb", nb))
        self.assertEqual(0, status, err)
        staged = nbformat.read(os.path.join(self.root, "stage", "a.ipynb"), as_version=4)
        self.assertEqual(["slides-hide-output"], staged.cells[1].metadata["tags"])
        self.assertEqual("slide", staged.cells[2].metadata["slideshow"]["slide_type"])
        self.assertEqual("epoch 1/1\n", staged.cells[1].outputs[0]["text"])

    def test_unrounded_numbers_in_tables_are_refused(self):
        nb = self.lecture()
        nb.cells[3].outputs = [new_output("display_data", data={
            "text/html": "<table><tr><td>0.5185185074806213</td><td>0.04124 s</td></tr></table>",
            "text/plain": "t"})]
        nb.cells[1].outputs = [new_output("stream", name="stdout",
                                          text="model | loss\n mlp  | 250.74860713704427\nlr 0.000123456\n")]
        self.write("executed", "a.ipynb", nb)
        status, err = self.prepare(self.write("notebooks", "a.ipynb", self.lecture()))
        self.assertEqual(1, status)
        self.assertIn("cell 4 (code: `show(table);`): its output has a table showing 0.5185185074806213;", err)
        self.assertIn("cell 2 (code: `train(model);`): its output has a table showing 250.74860713704427;", err)
        self.assertNotIn("0.04124", err)
        self.assertNotIn("0.000123456", err, "a number outside a table is not a table cell")

    def test_an_executed_copy_with_an_error_is_refused(self):
        run = self.lecture()
        run.cells[3].outputs = [new_output("error", ename="EvalException", evalue="boom", traceback=["boom"])]
        self.write("executed", "a.ipynb", run)
        status, err = self.prepare(self.write("notebooks", "a.ipynb", self.lecture()))
        self.assertEqual(1, status)
        self.assertIn("a.ipynb, cell 4 (code: `show(table);`) raised EvalException in its executed copy", err)

    def test_subslides_follow_the_metadata(self):
        nb = self.lecture()
        nb.cells.insert(0, slide("skip", new_code_cell("setup();")))
        path = self.write("notebooks", "a.ipynb", nb)
        self.assertEqual([(0, 0), (0, 1)], [(h, v) for h, v, _ in slides_decks.subslides(path)])

    def test_install_replaces_the_built_decks_and_keeps_the_others(self):
        stage, out = os.path.join(self.root, "stage"), os.path.join(self.root, "out")
        a = self.write("notebooks", "a.ipynb", self.lecture())
        for folder, deck, text in ((out, "a.slides.html", "old a"), (out, "b.slides.html", "old b"),
                                   (stage, "a.slides.html", "new a")):
            with open(os.path.join(folder, deck), "w") as f:
                f.write(text)
        os.makedirs(os.path.join(stage, "assets"))
        with open(os.path.join(stage, "assets", ".packages"), "w") as f:
            f.write("reveal.js@4.6.1\n")
        self.assertEqual(0, slides_decks.install(stage, out, [a]))
        with open(os.path.join(out, "a.slides.html")) as f:
            self.assertEqual("new a", f.read())
        with open(os.path.join(out, "b.slides.html")) as f:
            self.assertEqual("old b", f.read())
        self.assertTrue(os.path.isfile(os.path.join(out, "assets", ".packages")))
        with open(os.path.join(out, "index.html")) as f:
            self.assertIn("a.slides.html", f.read())


if __name__ == "__main__":
    unittest.main()
