"""The course results report: the figures notebooks recorded against notebooks/targets.tsv.

Reads, from a folder of executed notebooks written by run_notebooks.py, each notebook's
<name>.results.json (figures recorded with org.dgm4j.notebook.Results) and <name>.run.json (its
seconds, the kernel's peak memory and error), checks them against the targets and prints one table: notebook, figure, value,
target, result (met / missed / not recorded / reported), each notebook's wall time against its budget
and a closing count. A run is checked against the targets of its profile and fails (exit 1) when one
is missed; a profile no target names (smoke) is shown the quick targets for information and never fails.
Used by environment/results.
"""
import argparse
import json
import math
import os
import sys
from collections import namedtuple

COLUMNS = ["figure", "comparison", "threshold", "profiles", "description"]
COMPARISONS = {
    "<=": lambda v, t: v <= t,
    ">=": lambda v, t: v >= t,
    "<": lambda v, t: v < t,
    ">": lambda v, t: v > t,
    "==": lambda v, t: abs(v - t) <= 1e-9 * max(1.0, abs(t)),
}
REPORT = "report"
PROFILES = ("smoke", "quick", "full")
REFERENCE_PROFILE = "quick"
WALL = "wall_seconds"
PEAK_RSS = "peak_rss_mb"  # the kernel's peak resident memory, from the runner (Linux)
COURSE = "course"

Target = namedtuple("Target", "figure comparison threshold profiles description line")
Row = namedtuple("Row", "notebook figure value target result description")


class TargetsError(ValueError):
    """A malformed targets file; the message names the file, the line and the fix."""


def parse_targets(path):
    """The targets of a TSV file (see its header comment); raises TargetsError on a malformed line."""
    targets = []
    header_seen = False
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            where = "%s:%d" % (path, number)
            if not header_seen:
                if cells != COLUMNS:
                    raise TargetsError("%s: the first line that is not a comment must be the header '%s' "
                                       "(tab-separated), got '%s'" % (where, "\\t".join(COLUMNS), line))
                header_seen = True
                continue
            if len(cells) != len(COLUMNS):
                raise TargetsError("%s: expected %d tab-separated columns (%s), got %d; separate the columns "
                                   "with tabs, not spaces" % (where, len(COLUMNS), ", ".join(COLUMNS), len(cells)))
            figure, comparison, threshold, profiles, description = (c.strip() for c in cells)
            parts = figure.split("/")
            if len(parts) < 2 or not (parts[0] == COURSE or (len(parts[0]) == 2 and parts[0].isdigit())) \
                    or not all(parts[1:]):
                raise TargetsError("%s: figure '%s' must be 'NN/name[/name...]' (NN the notebook number) or "
                                   "'course/%s'" % (where, figure, WALL))
            if comparison != REPORT and comparison not in COMPARISONS:
                raise TargetsError("%s: unknown comparison '%s'; use one of %s or '%s'"
                                   % (where, comparison, " ".join(COMPARISONS), REPORT))
            if comparison == REPORT:
                if threshold:
                    raise TargetsError("%s: a '%s' line has no threshold, got '%s'" % (where, REPORT, threshold))
                value = None
            else:
                try:
                    value = float(threshold)
                except ValueError:
                    raise TargetsError("%s: threshold '%s' of %s is not a number" % (where, threshold, figure))
            names = [p.strip() for p in profiles.split(",") if p.strip()]
            unknown = [p for p in names if p not in PROFILES]
            if not names or unknown:
                raise TargetsError("%s: profiles '%s' must be a comma-separated list of %s"
                                   % (where, profiles, ", ".join(PROFILES)))
            if not description:
                raise TargetsError("%s: %s has no description; say in one line what the figure is" % (where, figure))
            if any(t.figure == figure and set(t.profiles) & set(names) for t in targets):
                raise TargetsError("%s: %s already has a target for profile(s) %s" % (where, figure, profiles))
            targets.append(Target(figure, comparison, value, tuple(names), description, number))
    if not header_seen:
        raise TargetsError("%s: no header line '%s'" % (path, "\\t".join(COLUMNS)))
    return targets


def targets_for(targets, profile):
    """(targets that apply to a run of profile, whether they are enforced)."""
    own = [t for t in targets if profile in t.profiles]
    if own:
        return own, True
    return [t for t in targets if REFERENCE_PROFILE in t.profiles], False


def read_json(path):
    """The parsed JSON file, or None when it does not exist."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_run(executed, stem):
    """(figures {key: value or None}, run {seconds, error} or None) of one notebook of a run folder."""
    results = read_json(os.path.join(executed, stem + ".results.json"))
    figures = {}
    if results is not None:
        if results.get("format") != 1 or not isinstance(results.get("figures"), list):
            raise ValueError("%s.results.json in %s is not a results file of format 1" % (stem, executed))
        for f in results["figures"]:
            figures[f["key"]] = f["value"]
    return figures, read_json(os.path.join(executed, stem + ".run.json"))


def format_value(value):
    """A figure for the table: integers exactly, large numbers without decimals, else 4 significant digits."""
    if value is None:
        return "not finite"
    if value == int(value) and abs(value) < 1e9:
        return "%d" % value
    if abs(value) >= 1000:
        return "%.0f" % value
    return "%.4g" % value


def format_target(target):
    if target.comparison == REPORT:
        return "—"
    return "%s %s" % (target.comparison, format_value(target.threshold))


def check(target, value, recorded):
    """met / missed / not recorded / reported for one figure."""
    if not recorded:
        return "not recorded"
    if target.comparison == REPORT:
        return "reported"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "missed"
    return "met" if COMPARISONS[target.comparison](value, target.threshold) else "missed"


def evaluate(targets, profile, executed, stems, whole_course):
    """The report rows, in notebook order: each notebook's targets, then figures it recorded without one."""
    applied, enforced = targets_for(targets, profile)
    rows = []
    failures = []
    total_seconds = 0.0
    for stem in stems:
        number = stem[:2]
        figures, run = load_run(executed, stem)
        if run is None:
            failures.append("%s: not run (no %s.run.json in %s)" % (stem, stem, executed))
        else:
            total_seconds += run["seconds"]
            figures["%s/%s" % (number, WALL)] = run["seconds"]
            if run.get(PEAK_RSS) is not None:
                figures["%s/%s" % (number, PEAK_RSS)] = run[PEAK_RSS]
            if run.get("error"):
                failures.append("%s: FAILED: %s" % (stem, run["error"]))
        seen = set()
        for t in applied:
            if t.figure.split("/")[0] != number:
                continue
            seen.add(t.figure)
            recorded = t.figure in figures
            value = figures.get(t.figure)
            rows.append(Row(stem, t.figure, format_value(value) if recorded else "—", format_target(t),
                            check(t, value, recorded), t.description))
        for key, value in figures.items():
            if key not in seen:
                rows.append(Row(stem, key, format_value(value), "—", "no target", ""))
    for t in applied:
        if t.figure.split("/")[0] != COURSE:
            continue
        if whole_course and len(failures) == 0:
            rows.append(Row(COURSE, t.figure, format_value(round(total_seconds, 1)), format_target(t),
                            check(t, round(total_seconds, 1), True), t.description))
        else:
            rows.append(Row(COURSE, t.figure, "—", format_target(t), "not checked",
                            "needs every notebook of the course, run without failure"))
    return rows, failures, enforced


def counts(rows):
    out = {}
    for r in rows:
        out[r.result] = out.get(r.result, 0) + 1
    return out


def summary(rows, failures, profile, enforced):
    c = counts(rows)
    return "%s: %d met, %d missed, %d not recorded, %d reported%s (%s)" % (
        "targets of profile " + profile if enforced else "quick targets shown for a %s run" % profile,
        c.get("met", 0), c.get("missed", 0), c.get("not recorded", 0), c.get("reported", 0),
        ", %d notebook(s) failed or not run" % len(failures) if failures else "",
        "enforced" if enforced else "for information, not enforced")


def text_table(rows):
    headers = Row("notebook", "figure", "value", "target", "result", "")
    widths = [max(len(getattr(r, field)) for r in [headers] + rows) for field in Row._fields[:5]]
    lines = []
    for r in [headers] + rows:
        cells = [getattr(r, field) for field in Row._fields[:5]]
        lines.append("  ".join(c.ljust(w) if i != 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip())
    return "\n".join(lines)


def markdown_table(rows, title):
    out = [title, "", "| notebook | figure | value | target | result | what |", "|---|---|---:|---|---|---|"]
    for r in rows:
        result = "**%s**" % r.result if r.result == "missed" else r.result
        out.append("| %s | `%s` | %s | %s | %s | %s |" % (r.notebook, r.figure, r.value, r.target, result,
                                                         r.description.replace("|", "\\|")))
    return "\n".join(out) + "\n"


def failed(rows, failures, enforced):
    """True when the run must fail: an enforced target missed or unrecorded, or a notebook failed."""
    return enforced and (bool(failures) or any(r.result in ("missed", "not recorded") for r in rows))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", help="notebook files of the run, in order")
    parser.add_argument("--executed", required=True, help="folder of the executed copies and their JSON files")
    parser.add_argument("--targets", required=True, help="the targets file (notebooks/targets.tsv)")
    parser.add_argument("--profile", required=True, choices=PROFILES)
    parser.add_argument("--markdown", help="also write the table as markdown to this file (atomically)")
    parser.add_argument("--title", default="", help="first line of the markdown file")
    args = parser.parse_args(argv)

    try:
        targets = parse_targets(args.targets)
    except TargetsError as e:
        print("results: %s" % e, file=sys.stderr)
        return 2
    stems = [os.path.splitext(os.path.basename(n))[0] for n in args.notebooks]
    course = sorted(os.path.splitext(n)[0] for n in os.listdir(os.path.dirname(os.path.abspath(args.targets)))
                    if n.endswith(".ipynb"))
    try:
        rows, failures, enforced = evaluate(targets, args.profile, args.executed, stems, sorted(stems) == course)
    except (ValueError, KeyError, TypeError) as e:  # a results or run file that is not what the runner writes
        print("results: unreadable run folder %s: %s: %s" % (args.executed, type(e).__name__, e), file=sys.stderr)
        return 2
    print(text_table(rows))
    for f in failures:
        print(f)
    line = summary(rows, failures, args.profile, enforced)
    print(line)
    if args.markdown:
        text = markdown_table(rows, args.title) + "\n" + "".join("%s  \n" % f for f in failures) + line + "\n"
        with open(args.markdown + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(args.markdown + ".tmp", args.markdown)
    return 1 if failed(rows, failures, enforced) else 0


if __name__ == "__main__":
    sys.exit(main())
