"""Tests of results_report.py (run by environment/test: cd environment && python -m unittest test_results_report)."""
import contextlib
import io
import json
import os
import shutil
import tempfile
import unittest

import results_report as rr

HEADER = "figure\tcomparison\tthreshold\tprofiles\tdescription\n"


class ReportTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.notebooks = os.path.join(self.dir, "notebooks")
        self.executed = os.path.join(self.dir, "executed")
        os.makedirs(self.notebooks)
        os.makedirs(self.executed)
        for name in ("02-vae", "07-ddpm"):
            open(os.path.join(self.notebooks, name + ".ipynb"), "w").close()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def targets(self, lines):
        path = os.path.join(self.notebooks, "targets.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("# a comment\n\n" + HEADER + "".join(line + "\n" for line in lines))
        return path

    def executed_run(self, stem, seconds, figures, error="", peak_rss_mb=None):
        with open(os.path.join(self.executed, stem + ".run.json"), "w") as f:
            json.dump({"notebook": stem + ".ipynb", "seconds": seconds, "peak_rss_mb": peak_rss_mb, "error": error}, f)
        if figures is not None:
            with open(os.path.join(self.executed, stem + ".results.json"), "w") as f:
                json.dump({"format": 1, "profile": "quick",
                           "figures": [{"key": k, "value": v, "note": ""} for k, v in figures.items()]}, f)

    def report(self, profile, targets_path, stems=("02-vae", "07-ddpm")):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = rr.main(["--executed", self.executed, "--targets", targets_path, "--profile", profile,
                              "--markdown", os.path.join(self.dir, "report.md")]
                             + [os.path.join(self.notebooks, s + ".ipynb") for s in stems])
        return status, out.getvalue()

    def test_parses_every_column_and_skips_comments(self):
        path = self.targets(["02/latent2_best/test_neg_elbo\t<=\t150\tquick,full\ttest −ELBO of the best latent-2",
                             "07/ddpm/fd\treport\t\tquick\tDDPM classifier FD"])
        t = rr.parse_targets(path)
        self.assertEqual(2, len(t))
        self.assertEqual(("02/latent2_best/test_neg_elbo", "<=", 150.0, ("quick", "full")), t[0][:4])
        self.assertEqual(("report", None), (t[1].comparison, t[1].threshold))

    def test_malformed_lines_are_rejected_naming_the_line(self):
        cases = {
            "02/x <= 150 quick spaces": "tab-separated",
            "02/x\t=<\t1\tquick\td": "unknown comparison",
            "02/x\t<=\tabc\tquick\td": "not a number",
            "2/x\t<=\t1\tquick\td": "NN/name",
            "02/x\t<=\t1\tfast\td": "profiles",
            "02/x\t<=\t1\tquick\t": "no description",
            "02/x\treport\t3\tquick\td": "no threshold",
        }
        for line, expected in cases.items():
            with self.assertRaises(rr.TargetsError, msg=line) as e:
                rr.parse_targets(self.targets([line]))
            self.assertIn(expected, str(e.exception))
            self.assertIn("targets.tsv:4", str(e.exception))
        with self.assertRaises(rr.TargetsError) as e:
            rr.parse_targets(self.targets(["02/x\t<=\t1\tquick\td", "02/x\t>=\t0\tquick\td"]))
        self.assertIn("already has a target", str(e.exception))

    def test_comparisons_flag_met_and_missed(self):
        t = rr.Target("02/x", "<=", 150.0, ("quick",), "d", 1)
        self.assertEqual("met", rr.check(t, 150.0, True))
        self.assertEqual("missed", rr.check(t, 150.5, True))
        self.assertEqual("missed", rr.check(t, None, True), "a non-finite value misses")
        self.assertEqual("not recorded", rr.check(t, None, False))
        self.assertEqual("met", rr.check(t._replace(comparison="=="), 150.0, True))
        self.assertEqual("missed", rr.check(t._replace(comparison="=="), 149.0, True))
        self.assertEqual("missed", rr.check(t._replace(comparison=">"), 150.0, True))
        self.assertEqual("met", rr.check(t._replace(comparison=">="), 150.0, True))
        self.assertEqual("reported", rr.check(t._replace(comparison="report", threshold=None), 3.0, True))

    def test_quick_run_fails_on_a_missed_or_unrecorded_target_and_checks_the_budgets(self):
        path = self.targets(["02/wall_seconds\t<=\t600\tquick\tbudget",
                             "02/latent2_best/test_neg_elbo\t<=\t150\tquick\tELBO",
                             "02/plane_digits_found\t>=\t9\tquick\tdigits",
                             "07/wall_seconds\t<=\t900\tquick\tbudget",
                             "07/ddpm/confident_share\t>=\t0.8\tquick\tshare",
                             "course/wall_seconds\t<=\t1000\tquick\tcourse budget"])
        self.executed_run("02-vae", 420.0, {"02/latent2_best/test_neg_elbo": 145.21, "02/extra": 7})
        self.executed_run("07-ddpm", 700.0, {"07/ddpm/confident_share": 0.79})
        status, out = self.report("quick", path)
        self.assertEqual(1, status, out)
        rows = {line.split()[1]: line for line in out.splitlines()[1:] if len(line.split()) > 1}
        self.assertTrue(rows["02/latent2_best/test_neg_elbo"].rstrip().endswith("met"), out)
        self.assertIn("145.2", rows["02/latent2_best/test_neg_elbo"])
        self.assertTrue(rows["02/plane_digits_found"].rstrip().endswith("not recorded"), out)
        self.assertTrue(rows["07/ddpm/confident_share"].rstrip().endswith("missed"), out)
        self.assertTrue(rows["02/wall_seconds"].rstrip().endswith("met"), out)
        self.assertTrue(rows["course/wall_seconds"].rstrip().endswith("missed"), "1120 s > 1000 s: " + out)
        self.assertTrue(rows["02/extra"].rstrip().endswith("no target"), out)
        self.assertIn("3 met, 2 missed, 1 not recorded", out.splitlines()[-1])
        with open(os.path.join(self.dir, "report.md"), encoding="utf-8") as f:
            self.assertIn("| 07-ddpm | `07/ddpm/confident_share` | 0.79 | >= 0.8 | **missed** |", f.read())

    def test_the_kernels_peak_memory_is_a_figure_with_or_without_a_target(self):
        path = self.targets(["07/peak_rss_mb\t<=\t4096\tquick\tmemory"])
        self.executed_run("02-vae", 10.0, {}, peak_rss_mb=1234)
        self.executed_run("07-ddpm", 10.0, {}, peak_rss_mb=5000)
        status, out = self.report("quick", path)
        self.assertEqual(1, status, out)
        rows = {line.split()[1]: line for line in out.splitlines()[1:] if len(line.split()) > 1}
        self.assertTrue(rows["07/peak_rss_mb"].rstrip().endswith("missed"), out)
        self.assertIn("1234", rows["02/peak_rss_mb"])
        self.assertTrue(rows["02/peak_rss_mb"].rstrip().endswith("no target"), out)

    def test_all_met_passes(self):
        path = self.targets(["02/plane_digits_found\t>=\t9\tquick\tdigits", "07/wall_seconds\t<=\t900\tquick\tb"])
        self.executed_run("02-vae", 10.0, {"02/plane_digits_found": 10})
        self.executed_run("07-ddpm", 10.0, {})
        status, out = self.report("quick", path)
        self.assertEqual(0, status, out)

    def test_smoke_run_is_shown_the_quick_targets_and_never_fails(self):
        path = self.targets(["02/plane_digits_found\t>=\t9\tquick\tdigits"])
        self.executed_run("02-vae", 30.0, {"02/plane_digits_found": 2})
        status, out = self.report("smoke", path, stems=("02-vae",))
        self.assertEqual(0, status, out)
        self.assertIn("missed", out)
        self.assertIn("not enforced", out.splitlines()[-1])

    def test_a_failed_or_missing_notebook_fails_an_enforced_run_and_skips_the_course_total(self):
        path = self.targets(["07/wall_seconds\t<=\t900\tquick\tb", "course/wall_seconds\t<=\t3600\tquick\tc"])
        self.executed_run("07-ddpm", 12.0, None, error="cell 3: Exception: boom")
        status, out = self.report("quick", path)
        self.assertEqual(1, status, out)
        self.assertIn("07-ddpm: FAILED: cell 3: Exception: boom", out)
        self.assertIn("02-vae: not run", out)
        self.assertIn("not checked", out)

    def test_values_are_rounded_for_reading(self):
        self.assertEqual("145.2", rr.format_value(145.2149))
        self.assertEqual("0.8125", rr.format_value(0.8125))
        self.assertEqual("9", rr.format_value(9.0))
        self.assertEqual("1235", rr.format_value(1234.6))
        self.assertEqual("not finite", rr.format_value(None))

    def test_the_course_targets_file_parses(self):
        here = os.path.dirname(os.path.abspath(__file__))
        targets = rr.parse_targets(os.path.join(here, "..", "notebooks", "targets.tsv"))
        figures = {t.figure for t in targets}
        for stem in sorted(os.listdir(os.path.join(here, "..", "notebooks"))):
            if stem.endswith(".ipynb"):
                self.assertIn(stem[:2] + "/wall_seconds", figures, "every notebook has a time budget")
        self.assertIn("course/wall_seconds", figures)


if __name__ == "__main__":
    unittest.main()
