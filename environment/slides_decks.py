"""Helpers of environment/slides: the decks' index page and the checks of built decks.

  index DECKS_DIR NOTEBOOK...        writes DECKS_DIR/index.html linking one deck per notebook
  check DECKS_DIR NOTEBOOK...        checks each deck: it exists, has as many slides as the notebook's
                                     slideshow metadata makes, and loads nothing from http(s)
  math-slide DECKS_DIR NOTEBOOK...   prints "deck.html#/h/v" of the first slide with LaTeX, or nothing
  dom DUMPED_DOM                     checks a deck's DOM dumped by Chromium: reveal.js initialised,
                                     MathJax typeset the math
"""
import html
import html.parser
import os
import re
import sys

import nbformat

MATH = re.compile(r"\$[^$\n]+\$|\$\$|\\\(|\\\[|\\begin\{")
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


def deck_name(notebook):
    return os.path.splitext(os.path.basename(notebook))[0] + ".slides.html"


def slide_type(cell):
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


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


def math_slide(decks_dir, notebooks):
    for notebook in notebooks:
        for h, v, cells in subslides(notebook):
            if any(c.cell_type == "markdown" and slide_type(c) not in ("notes", "skip") and MATH.search(c.source)
                   for c in cells):
                print("%s#/%d/%d" % (deck_name(notebook), h, v))
                return 0
    return 0


def dom(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    ready = re.search(r'<div class="reveal[^"]*\bready\b', text) is not None
    slides = len(re.findall(r"<section\b", text))
    math = len(re.findall(r'class="[^"]*\b(MathJax_SVG|MathJax_CHTML|MathJax|mjx-chtml)\b', text)) \
        + len(re.findall(r"<mjx-container\b", text))
    errors = len(re.findall(r'class="[^"]*\b(MathJax_Error|noError|MJXp-merror)\b', text))
    print("reveal.js ready: %s; <section>s: %d; MathJax output elements: %d; MathJax errors: %d"
          % ("yes" if ready else "NO", slides, math, errors))
    return 0 if ready and math > 0 and errors == 0 else 1


def main(argv):
    if len(argv) < 2 or argv[0] not in ("index", "check", "math-slide", "dom"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "dom":
        return dom(argv[1])
    return {"index": index, "check": check, "math-slide": math_slide}[argv[0]](argv[1], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
