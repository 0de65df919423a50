"""The exercises' solutions: checks them against the student notebooks and builds the solution notebooks.

A student notebook marks each exercise skeleton with the cell tag exercise-NN.K (e.g. exercise-02.1); its
body returns Exercise.todo() until the student completes it. solutions/<notebook name>.jsh holds the
solutions, each starting with a line "//// exercise-NN.K" (lines before the first marker are a comment).

  check NOTEBOOK...            every tagged cell has exactly one solution and every solution a cell;
                               every skeleton calls Exercise.todo(); no solution's answer (its return
                               lines) appears in the student notebook
  build --out DIR NOTEBOOK...  writes DIR/<notebook>.ipynb: the notebook with each tagged cell replaced
                               by its solution (slide metadata and tags kept), after the check

Notebooks without tagged cells and without a solutions file are skipped (a lecture without exercises yet).
"""
import argparse
import json
import os
import re
import sys

MARKER = re.compile(r"^//// (exercise-\d\d\.\d+)\s*$")
TAG = re.compile(r"^exercise-\d\d\.\d+$")
TODO = "Exercise.todo()"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOLUTIONS = os.path.join(ROOT, "solutions")


def solutions_file(notebook, solutions_dir=SOLUTIONS):
    return os.path.join(solutions_dir, os.path.splitext(os.path.basename(notebook))[0] + ".jsh")


def parse_solutions(path):
    """{tag: code} from a solutions file, in file order; raises ValueError on a repeated tag."""
    solutions, tag, lines = {}, None, []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f.read().splitlines(), 1):
            m = MARKER.match(line)
            if m:
                if tag:
                    solutions[tag] = "\n".join(lines).strip("\n")
                tag, lines = m.group(1), []
                if tag in solutions:
                    raise ValueError("%s:%d: %s appears twice; keep one solution per exercise" % (path, number, tag))
            elif tag:
                lines.append(line)
    if tag:
        solutions[tag] = "\n".join(lines).strip("\n")
    return solutions


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def exercise_cells(nb, name):
    """[(index, tag)] of the cells tagged exercise-NN.K; raises ValueError on a misuse of the tags."""
    found, seen = [], set()
    for i, cell in enumerate(nb["cells"]):
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if str(t).startswith("exercise-")]
        if not tags:
            continue
        where = "%s cell %d" % (name, i + 1)
        if len(tags) > 1 or not TAG.match(tags[0]) or cell["cell_type"] != "code":
            raise ValueError("%s: tags %s; an exercise skeleton is a code cell with one tag exercise-NN.K" % (where, tags))
        if tags[0] in seen:
            raise ValueError("%s: %s tags two cells; each exercise has one skeleton" % (where, tags[0]))
        seen.add(tags[0])
        found.append((i, tags[0]))
    return found


def answer_lines(code):
    """The lines of a solution that carry its answer: its return statements."""
    return [l.strip() for l in code.splitlines() if l.strip().startswith("return ") and len(l.strip()) > len("return x;")]


def problems(notebook, solutions_dir=SOLUTIONS):
    """What is wrong with a notebook's exercises and their solutions (empty when all is well)."""
    name = os.path.basename(notebook)
    with open(notebook, encoding="utf-8") as f:
        nb = json.load(f)
    path = solutions_file(notebook, solutions_dir)
    try:
        cells = exercise_cells(nb, name)
        solutions = parse_solutions(path) if os.path.exists(path) else None
    except ValueError as e:
        return [str(e)]
    if not cells and solutions is None:
        return []
    if solutions is None:
        return ["%s has exercise cells (%s) but no solutions file %s; write one with a '//// <tag>' section each"
                % (name, ", ".join(t for _, t in cells), os.path.relpath(path, ROOT))]
    out = []
    tags = [t for _, t in cells]
    for tag in tags:
        if tag not in solutions:
            out.append("%s: cell %s has no solution in %s" % (name, tag, os.path.relpath(path, ROOT)))
    for tag in solutions:
        if tag not in tags:
            out.append("%s: %s has a solution for %s but no cell is tagged so" % (os.path.relpath(path, ROOT), name, tag))
    student = "\n".join(source(c) for c in nb["cells"])
    for i, tag in cells:
        if TODO not in source(nb["cells"][i]):
            out.append("%s: the skeleton %s does not call %s, so it is not reported as 'not done yet'" % (name, tag, TODO))
        for line in answer_lines(solutions.get(tag, "")):
            if line in student:
                out.append("%s: the answer of %s ('%s') is in the student notebook; keep it in %s only"
                           % (name, tag, line, os.path.relpath(path, ROOT)))
    return out


def solution_notebook(notebook, solutions_dir=SOLUTIONS):
    """The notebook (as JSON) with every exercise skeleton replaced by its solution."""
    with open(notebook, encoding="utf-8") as f:
        nb = json.load(f)
    solutions = parse_solutions(solutions_file(notebook, solutions_dir))
    for i, tag in exercise_cells(nb, os.path.basename(notebook)):
        code = "// Solution of %s\n%s" % (tag[len("exercise-"):], solutions[tag])
        lines = code.split("\n")
        nb["cells"][i]["source"] = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        nb["cells"][i]["outputs"] = []
        nb["cells"][i]["execution_count"] = None
    return nb


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["check", "build"])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", help="folder for the solution notebooks (build)")
    parser.add_argument("--solutions", default=SOLUTIONS, help="folder of the solutions files (default: solutions/)")
    args = parser.parse_args()
    found = [p for nb in args.notebooks for p in problems(nb, args.solutions)]
    for p in found:
        print("solutions: " + p, file=sys.stderr)
    if found:
        return 1
    with_exercises = [nb for nb in args.notebooks if os.path.exists(solutions_file(nb, args.solutions))]
    if args.command == "check":
        print("solutions: %d notebook(s) with exercises checked: every skeleton has its solution, none is in the"
              " student notebooks" % len(with_exercises))
        return 0
    if not args.out:
        parser.error("build needs --out DIR")
    os.makedirs(args.out, exist_ok=True)
    for notebook in with_exercises:
        target = os.path.join(args.out, os.path.basename(notebook))
        with open(target + ".tmp", "w", encoding="utf-8") as f:
            json.dump(solution_notebook(notebook, args.solutions), f, indent=1, ensure_ascii=False)
            f.write("\n")
        os.replace(target + ".tmp", target)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
