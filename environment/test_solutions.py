"""Tests of environment/solutions.py: the exercises' solutions against the student notebooks."""
import json
import os
import tempfile
import unittest

import solutions

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def code(source, tags=None):
    meta = {"slideshow": {"slide_type": "-"}}
    if tags:
        meta["tags"] = tags
    return {"cell_type": "code", "execution_count": None, "metadata": meta, "outputs": [], "source": source}


SKELETON = "double f(double x) {\n    return Exercise.todo();\n}"


class SolutionsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.notebooks = os.path.join(self.dir.name, "notebooks")
        self.solutions = os.path.join(self.dir.name, "solutions")
        os.makedirs(self.notebooks)
        os.makedirs(self.solutions)

    def tearDown(self):
        self.dir.cleanup()

    def notebook(self, cells, name="09-x.ipynb"):
        path = os.path.join(self.notebooks, name)
        with open(path, "w") as f:
            json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, f)
        return path

    def solutions_file(self, text, name="09-x.jsh"):
        with open(os.path.join(self.solutions, name), "w") as f:
            f.write(text)

    def test_builds_the_solution_notebook_with_the_metadata_kept(self):
        nb = self.notebook([code(SKELETON, ["exercise-09.1"]), code("Checks.f(x -> f(x))")])
        self.solutions_file("// comment\n\n//// exercise-09.1\ndouble f(double x) {\n    return 2 * x;\n}\n")
        self.assertEqual([], solutions.problems(nb, self.solutions))
        built = solutions.solution_notebook(nb, self.solutions)
        self.assertEqual("// Solution of 09.1\ndouble f(double x) {\n    return 2 * x;\n}", "".join(built["cells"][0]["source"]))
        self.assertEqual(["exercise-09.1"], built["cells"][0]["metadata"]["tags"])
        self.assertEqual("Checks.f(x -> f(x))", "".join(built["cells"][1]["source"]))

    def test_names_missing_extra_and_leaked_solutions(self):
        nb = self.notebook([code(SKELETON, ["exercise-09.1"]), code("double g() { return 3 * y; }", ["exercise-09.2"]),
                            code("// earlier: return 2 * x + 1;")])
        self.solutions_file("//// exercise-09.1\nreturn 2 * x + 1;\n//// exercise-09.3\nreturn 0;\n")
        found = "\n".join(solutions.problems(nb, self.solutions))
        self.assertIn("exercise-09.2 has no solution", found)
        self.assertIn("solution for exercise-09.3 but no cell", found)
        self.assertIn("exercise-09.2 does not call Exercise.todo()", found)
        self.assertIn("the answer of exercise-09.1 ('return 2 * x + 1;') is in the student notebook", found)

    def test_rejects_misused_tags_and_repeated_solutions(self):
        nb = self.notebook([code(SKELETON, ["exercise-09.1"]), code(SKELETON, ["exercise-09.1"])])
        self.solutions_file("//// exercise-09.1\nreturn 1;\n")
        self.assertIn("tags two cells", solutions.problems(nb, self.solutions)[0])
        nb = self.notebook([code(SKELETON, ["exercise-9"])])
        self.assertIn("one tag exercise-NN.K", solutions.problems(nb, self.solutions)[0])
        nb = self.notebook([code(SKELETON, ["exercise-09.1"])])
        self.solutions_file("//// exercise-09.1\nreturn 1;\n//// exercise-09.1\nreturn 2;\n")
        self.assertIn("appears twice", solutions.problems(nb, self.solutions)[0])

    def test_a_notebook_without_exercises_needs_no_solutions_but_tagged_cells_do(self):
        self.assertEqual([], solutions.problems(self.notebook([code("1 + 1")]), self.solutions))
        nb = self.notebook([code(SKELETON, ["exercise-09.1"])])
        self.assertIn("no solutions file", solutions.problems(nb, self.solutions)[0])

    def test_the_course_notebooks_and_their_solutions_agree(self):
        folder = os.path.join(ROOT, "notebooks")
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ipynb"):
                continue
            path = os.path.join(folder, name)
            self.assertEqual([], solutions.problems(path), name)
            with open(path, encoding="utf-8") as f:
                nb = json.load(f)
            cells = solutions.exercise_cells(nb, name)
            if cells or name[:2] <= "09":  # lectures 00-09 have exercises; a newer one once it has any
                self.assertGreaterEqual(len(cells), 3, name + ": at least three checked exercises")
            for i, tag in cells:
                check = solutions.source(nb["cells"][i + 1])
                self.assertRegex(check, r"^\w+Checks\.\w+\(", name + ": the cell after " + tag + " checks it")


if __name__ == "__main__":
    unittest.main()
