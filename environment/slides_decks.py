"""Helpers of environment/slides: the notebooks' slide layout, the decks' index page and the checks.

  prepare EXECUTED_DIR STAGE NOTEBOOK...
        checks each notebook's slide metadata (slide types, slides-* tags), that EXECUTED_DIR holds an
        executed copy with the same cells, no error output and no table showing an unrounded number,
        then writes that copy with the notebook's current slide metadata and tags into STAGE (so a
        layout change needs no new run of the notebook)
  check DECKS_DIR NOTEBOOK...
        checks each deck: it exists, has as many slides as the notebook's slideshow metadata makes,
        and loads nothing from http(s)
  browser CHROMIUM LOG DECKS_DIR NOTEBOOK...
        measures every slide of every deck in headless Chromium (slides_browser.py) and writes the
        contact sheets into DECKS_DIR/contact-sheets/
  install STAGE OUT NOTEBOOK...
        moves the decks, contact sheets and (when new) assets built in STAGE into OUT, each by a
        rename, then writes OUT/index.html linking every deck OUT has
Errors name the notebook and the cell (counted from 1, as in the decks' cell ids).
"""
import glob
import html
import html.parser
import json
import os
import re
import shutil
import sys

import nbformat

import slides_browser

# A number with six or more decimals in a table, as an unrounded float or double prints: its column
# wants its rounding (TableHtml).
LONG_NUMBER = re.compile(r"(?<![\w.])[-−+]?\d+\.\d{6,}(?![\w.])")
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def deck_name(notebook):
    return os.path.splitext(os.path.basename(notebook))[0] + ".slides.html"


SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
# Cell tags the slide template honours (slides/templates/dgm4j/index.html.j2).
SLIDE_TAGS = {"slides-hide-output": "code", "slides-hide-input": "code"}


def slide_type(cell):
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def cell_name(notebook, nb, number):
    """'notebooks/x.ipynb, cell 12 (code: `first line`)' for the cell numbered from 1."""
    notebook = shown(notebook)
    if not 1 <= number <= len(nb.cells):
        return "%s, a cell" % notebook
    cell = nb.cells[number - 1]
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    return "%s, cell %d (%s: `%s`)" % (notebook, number, cell.cell_type,
                                       first if len(first) <= 60 else first[:57] + "...")


def shown(path):
    """A path as the user sees it: relative to the repository when inside it."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.abspath(path)
    return os.path.relpath(path, root) if path.startswith(root + os.sep) else path


class TableCells(html.parser.HTMLParser):
    """The texts of the <td> and <th> cells of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.texts, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = self._inside or tag in ("td", "th")

    def handle_endtag(self, tag):
        self._inside = self._inside and tag not in ("td", "th")

    def handle_data(self, data):
        if self._inside:
            self.texts.append(data)


def unrounded_table_numbers(cell):
    """Numbers with six or more decimals in the cell's tables: HTML table cells, and text tables
    (lines with a '|', as Tablesaw's print() makes them)."""
    found = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "text/html" in data:
            parser = TableCells()
            parser.feed(data["text/html"])
            found += [m.group(0) for t in parser.texts for m in LONG_NUMBER.finditer(t)]
        text = data.get("text/plain", "") if "text/html" not in data else ""
        text += out.get("text", "") if out.get("output_type") == "stream" else ""
        found += [m.group(0) for line in text.splitlines() if "|" in line for m in LONG_NUMBER.finditer(line)]
    return found


def metadata_problems(notebook, nb):
    problems = []
    for i, cell in enumerate(nb.cells, 1):
        meta = cell.get("metadata", {})
        show = meta.get("slideshow", {})
        if not isinstance(show, dict) or show.get("slide_type", "-") not in SLIDE_TYPES:
            problems.append("%s: slideshow metadata %s; slide_type must be one of %s"
                            % (cell_name(notebook, nb, i), json.dumps(show), ", ".join(SLIDE_TYPES)))
        tags = meta.get("tags", [])
        if not isinstance(tags, list):
            problems.append("%s: tags must be a list, found %s" % (cell_name(notebook, nb, i), json.dumps(tags)))
            continue
        for tag in tags:
            if not str(tag).startswith("slides-"):
                continue
            if tag not in SLIDE_TAGS:
                problems.append("%s: unknown tag '%s'; the slides know %s"
                                % (cell_name(notebook, nb, i), tag, ", ".join(sorted(SLIDE_TAGS))))
            elif cell.cell_type != SLIDE_TAGS[tag]:
                problems.append("%s: tag '%s' is for %s cells" % (cell_name(notebook, nb, i), tag, SLIDE_TAGS[tag]))
        if {"slides-hide-output", "slides-hide-input"} <= set(tags):
            problems.append("%s: tags slides-hide-output and slides-hide-input together leave nothing on the slide; "
                            "make it slide_type skip instead" % cell_name(notebook, nb, i))
    return problems


def prepare(executed_dir, stage, notebooks):
    """Validates the notebooks and writes their executed copies, with current slide metadata, into stage."""
    problems = []
    for notebook in notebooks:
        nb = nbformat.read(notebook, as_version=4)
        found = metadata_problems(notebook, nb)
        executed = os.path.join(executed_dir, os.path.basename(notebook))
        if not os.path.isfile(executed):
            found.append("%s: no executed copy %s (run environment/slides without --executed, or give the "
                         "folder where environment/test or run_notebooks.py wrote it)"
                         % (shown(notebook), shown(executed)))
        else:
            run = nbformat.read(executed, as_version=4)
            differs = next((i for i, (a, b) in enumerate(zip(nb.cells, run.cells), 1)
                            if a.cell_type != b.cell_type or a.source != b.source), None)
            if differs is None and len(nb.cells) != len(run.cells):
                differs = min(len(nb.cells), len(run.cells)) + 1
            if differs is not None:
                found.append("%s differs from its executed copy %s from that cell on (the notebook changed "
                             "after it ran): run environment/slides without --executed"
                             % (cell_name(notebook, nb, differs), shown(executed)))
            else:
                for i, cell in enumerate(run.cells, 1):
                    error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
                    if error is not None:
                        found.append("%s raised %s in its executed copy %s: the deck would show the traceback "
                                     "(fix the cell and run the notebook again)"
                                     % (cell_name(notebook, nb, i), error.get("ename", "an error"), shown(executed)))
                    numbers = unrounded_table_numbers(cell)
                    if numbers:
                        found.append("%s: its output has a table showing %s; give each column its rounding "
                                     "(org.dgm4j.notebook.TableHtml)" % (cell_name(notebook, nb, i),
                                                                          ", ".join(sorted(set(numbers))[:3])))
            if differs is None and not found:
                for source, target in zip(nb.cells, run.cells):
                    for key in ("slideshow", "tags"):
                        target.metadata.pop(key, None)
                        if key in source.metadata:
                            target.metadata[key] = source.metadata[key]
                nbformat.write(run, os.path.join(stage, os.path.basename(notebook)))
        problems += found
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def subslides(notebook):
    """The notebook's slides as nbconvert lays them out: a list of (h, v, cells), one per subslide."""
    nb = nbformat.read(notebook, as_version=4)
    result, h, v, started = [], -1, 0, False
    for cell in nb.cells:
        kind = slide_type(cell)
        if not started:
            if kind in ("notes", "skip"):
                continue
            kind, started = "slide", True
        if kind == "slide":
            h, v = h + 1, 0
            result.append((h, v, [cell]))
        elif kind == "subslide":
            v += 1
            result.append((h, v, [cell]))
        elif result:
            result[-1][2].append(cell)
    return result


class Sources(html.parser.HTMLParser):
    """Collects script src, link href, img src and ES module imports, and counts <section>s."""

    def __init__(self):
        super().__init__()
        self.urls, self.sections, self._depth, self._in_script = [], 0, 0, False
        self.module_code = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self._in_script = True
            if a.get("src"):
                self.urls.append(("script src", a["src"]))
        elif tag == "link" and a.get("href"):
            self.urls.append(("link href", a["href"]))
        elif tag in ("img", "source", "iframe") and a.get("src"):
            self.urls.append((tag + " src", a["src"]))
        elif tag == "section":
            self._depth += 1
            if self._depth == 2:
                self.sections += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self._depth -= 1
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.module_code.append(data)


def remote_urls(parser):
    found = [(where, url) for where, url in parser.urls if REMOTE.match(url)]
    for code in parser.module_code:
        for url in re.findall(r"""(?:import\s[^'"]*|import\s*\(\s*)['"]((?:https?:)?//[^'"]+)['"]""", code):
            found.append(("script import", url))
    return found


def check(decks_dir, notebooks):
    failures = 0
    print("%-40s %8s %8s  %s" % ("deck", "slides", "expected", "result"))
    for notebook in notebooks:
        deck = os.path.join(decks_dir, deck_name(notebook))
        expected = len(subslides(notebook))
        if not os.path.isfile(deck):
            print("%-40s %8s %8d  MISSING" % (deck_name(notebook), "-", expected))
            failures += 1
            continue
        parser = Sources()
        with open(deck, encoding="utf-8") as f:
            parser.feed(f.read())
        remote = remote_urls(parser)
        problems = []
        if parser.sections != expected:
            problems.append("%d slides, the notebook's metadata makes %d" % (parser.sections, expected))
        problems += ["remote %s: %s" % r for r in remote]
        missing = [url for _, url in parser.urls
                   if not REMOTE.match(url) and not url.startswith("data:")
                   and not os.path.isfile(os.path.join(decks_dir, url.split("?")[0]))]
        problems += ["missing local file: %s" % url for url in missing]
        print("%-40s %8d %8d  %s" % (deck_name(notebook), parser.sections, expected,
                                     "ok" if not problems else "FAILED"))
        for p in problems:
            print("    " + p)
        failures += bool(problems)
    return 1 if failures else 0


def index(decks_dir, notebooks):
    rows = []
    for notebook in notebooks:
        nb = nbformat.read(notebook, as_version=4)
        title = os.path.basename(notebook)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                m = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
                if m:
                    title = m.group(1).strip()
                    break
        rows.append('<li><a href="%s">%s</a> <span class="n">%d slides</span></li>'
                    % (html.escape(deck_name(notebook)), html.escape(title), len(subslides(notebook))))
    page = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>DGM4J slides</title>
<style>
body { font-family: sans-serif; font-size: 22px; max-width: 60em; margin: 2em auto; color: #1a1a1a; }
h1 { color: #12355b; }
li { margin: 0.5em 0; }
a { color: #12355b; }
.n { color: #777; font-size: 0.8em; }
</style>
</head>
<body>
<h1>DGM4J &middot; Deep generative models in Java</h1>
<p>One deck per notebook. Keys: arrows or space to move, <kbd>S</kbd> speaker notes, <kbd>F</kbd> full screen,
<kbd>Esc</kbd> overview.</p>
<ol>
%s
</ol>
</body>
</html>
""" % "\n".join(rows)
    target = os.path.join(decks_dir, "index.html")
    with open(target + ".tmp", "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(target + ".tmp", target)
    return 0


def browser(chromium, log, decks_dir, notebooks):
    books = {deck_name(n): (n, nbformat.read(n, as_version=4)) for n in notebooks}

    def cell_names_of(deck):
        notebook, nb = books[os.path.basename(deck)]
        return lambda number: cell_name(notebook, nb, number)

    try:
        with open(log, "w") as chromium_log:
            failed = slides_browser.run(chromium, [os.path.join(decks_dir, d) for d in books],
                                        os.path.join(decks_dir, "contact-sheets"), cell_names_of, chromium_log)
    except (RuntimeError, OSError) as e:
        print("could not drive Chromium (%s; its log: %s): %s" % (chromium, log, e), file=sys.stderr)
        return 2
    return 1 if failed else 0


def read(path):
    """The text of a file, or None when it does not exist."""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None


def install(stage, out, notebooks):
    """Moves what stage holds into out, one rename per file; earlier decks of other notebooks stay."""
    os.makedirs(os.path.join(out, "contact-sheets"), exist_ok=True)
    for notebook in notebooks:
        os.replace(os.path.join(stage, deck_name(notebook)), os.path.join(out, deck_name(notebook)))
        sheet = os.path.join("contact-sheets", deck_name(notebook).replace(".slides.html", ".png"))
        if os.path.isfile(os.path.join(stage, sheet)):
            os.replace(os.path.join(stage, sheet), os.path.join(out, sheet))
    assets, old = os.path.join(out, "assets"), os.path.join(out, "assets.old")
    if read(os.path.join(stage, "assets", ".packages")) != read(os.path.join(assets, ".packages")):
        if os.path.isdir(assets):
            os.replace(assets, old)
        os.replace(os.path.join(stage, "assets"), assets)
        shutil.rmtree(old, ignore_errors=True)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    known = {os.path.basename(n): n for n in glob.glob(os.path.join(root, "notebooks", "*.ipynb"))}
    known.update({os.path.basename(n): n for n in notebooks})
    return index(out, [known[k] for k in sorted(known) if os.path.isfile(os.path.join(out, deck_name(known[k])))])


def main(argv):
    # command: (its function, how many folder arguments come before the notebooks)
    commands = {"prepare": (prepare, 2), "check": (check, 1), "browser": (browser, 3), "install": (install, 2)}
    if not argv or argv[0] not in commands or len(argv) < commands[argv[0]][1] + 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, folders = commands[argv[0]]
    return command(*argv[1:1 + folders], argv[1 + folders:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
