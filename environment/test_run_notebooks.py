"""Fault tests of run_notebooks.py (run by environment/faults): a kernel that cannot start gives one
clear line per notebook with the fix, every notebook is still tried and the table is still printed."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "run_notebooks.py")
NOTEBOOK = {"cells": [{"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {}, "outputs": [],
                       "source": "1 + 1"}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


class KernelFaults(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.notebooks = []
        for name in ("a.ipynb", "b.ipynb"):
            path = os.path.join(self.tmp.name, name)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(NOTEBOOK, f)
            self.notebooks.append(path)
        self.jupyter = os.path.join(self.tmp.name, "jupyter")

    def tearDown(self):
        self.tmp.cleanup()

    def run_with(self, kernel):
        env = dict(os.environ, JUPYTER_PATH=self.jupyter)
        p = subprocess.run([sys.executable, RUNNER, "--kernel", kernel, "--startup-timeout", "20",
                            "--out", os.path.join(self.tmp.name, "out")] + self.notebooks,
                           env=env, capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def assert_one_line_each_and_table(self, code, out, err, expected):
        self.assertEqual(code, 1, out + err)
        self.assertNotIn("Traceback", out + err)
        failed = [line for line in out.splitlines() if line.strip().startswith("FAILED")]
        self.assertEqual(len(failed), 2, "one line per notebook:\n" + out)
        for line in failed:
            self.assertIn(expected, line)
            self.assertIn("run ./environment/setup, or export JUPYTER_PATH=", line)
        self.assertIn("notebook", out)
        self.assertIn("a.ipynb", out.split("notebook  ")[-1], "the table lists every notebook:\n" + out)
        self.assertIn("notebooks: 0 passed, 2 failed", out)

    def test_peak_memory_of_a_live_process_and_of_none(self):
        sys.path.insert(0, HERE)
        import run_notebooks
        mb = run_notebooks.peak_rss_mb(os.getpid())
        if os.path.exists("/proc/self/status"):
            self.assertTrue(isinstance(mb, int) and 1 <= mb < 100000, mb)
        self.assertIsNone(run_notebooks.peak_rss_mb(None))
        self.assertIsNone(run_notebooks.peak_rss_mb(2 ** 31 - 1))

    def test_no_such_kernelspec(self):
        code, out, err = self.run_with("java-not-installed-here")
        self.assert_one_line_each_and_table(code, out, err, "no kernel named java-not-installed-here")

    def test_kernelspec_whose_java_is_missing(self):
        spec = os.path.join(self.jupyter, "kernels", "java-moved-jdk")
        os.makedirs(spec)
        with open(os.path.join(spec, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump({"argv": ["/nonexistent/jdk/bin/java", "-jar", "ijava.jar", "{connection_file}"],
                       "display_name": "Java (moved JDK)", "language": "java"}, f)
        code, out, err = self.run_with("java-moved-jdk")
        self.assert_one_line_each_and_table(code, out, err, "runs /nonexistent/jdk/bin/java, which is missing")


if __name__ == "__main__":
    unittest.main()
