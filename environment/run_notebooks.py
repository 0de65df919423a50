"""Executes notebooks headless in a Jupyter kernel and prints a table of the results.

Used by environment/test: every notebook runs top to bottom in the real kernel (kernelspec 'java'),
its executed copy is written to the output folder (never over the source), and the run fails when
any cell raises an error or times out. The table gives, per notebook, the seconds it took and how
many image outputs it produced. The kernel of each notebook gets DGM4J_RESULTS=<out>/<name>.results.json,
where the figures it records with org.dgm4j.notebook.Results go; <out>/<name>.run.json holds its
seconds, the kernel's peak resident memory (Linux: VmHWM, read after every cell) and the error
(environment/results reads both).
"""
import argparse
import json
import os
import shutil
import sys
import time

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

# The project's Jupyter data folder, where environment/setup writes the kernelspec 'java'.
PROJECT_JUPYTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".state", "jupyter")
FIX = "run ./environment/setup, or export JUPYTER_PATH=%s" % PROJECT_JUPYTER


def count_images(nb):
    """Outputs (display data or results) that carry a PNG or JPEG image."""
    return sum(1 for cell in nb.cells if cell.cell_type == "code"
               for out in cell.get("outputs", [])
               if out.get("output_type") in ("display_data", "execute_result")
               and ("image/png" in out.get("data", {}) or "image/jpeg" in out.get("data", {})))


def first_error(nb):
    """A short description of the first error output, for the summary."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return "cell %d: %s: %s" % (i, out.get("ename", ""), out.get("evalue", "").strip()[:300])
    return ""


def kernel_problem(kernel):
    """Why the kernelspec cannot start (one line with the fix), or "" when it looks startable."""
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        return "no kernel named %s: %s" % (kernel, FIX)
    program = spec.argv[0] if spec.argv else ""
    if not (os.path.isabs(program) and os.access(program, os.X_OK)) and not shutil.which(program):
        return "kernel %s (%s) runs %s, which is missing: %s" % (kernel, spec.resource_dir, program or "nothing", FIX)
    return ""


def peak_rss_mb(pid):
    """The peak resident set size (VmHWM) of process pid in MB, or None where /proc does not tell."""
    try:
        with open("/proc/%d/status" % pid, encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except (OSError, TypeError, ValueError, IndexError):
        return None
    return None


def run(path, out_dir, kernel, cell_timeout, startup_timeout):
    stem = os.path.join(out_dir, os.path.splitext(os.path.basename(path))[0])
    for stale in (stem + ".results.json", stem + ".run.json"):  # an earlier run's must not pass for this one's
        if os.path.exists(stale):
            os.remove(stale)
    os.environ["DGM4J_RESULTS"] = os.path.abspath(stem + ".results.json")  # inherited by the kernel started below
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, startup_timeout=startup_timeout,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    peak = []

    def track_memory(**_):  # after every cell, while the kernel is alive: its peak so far
        mb = peak_rss_mb(getattr(getattr(client.km, "provisioner", None), "pid", None))
        if mb is not None:
            peak.append(mb)

    client.on_cell_executed = track_memory
    start = time.monotonic()
    error = kernel_problem(kernel)  # checked first: no kernel start, no traceback
    try:
        if not error:
            client.execute()
    except CellTimeoutError as e:
        error = "timeout after %d s: %s" % (cell_timeout, str(e).strip().splitlines()[0][:300])
    except CellExecutionError:
        error = first_error(nb) or "a cell failed"
    except DeadKernelError as e:
        error = "the kernel died: %s" % e
    except (NoSuchKernel, OSError, RuntimeError, TimeoutError) as e:  # the kernel did not start or answer
        first = (str(e).strip().splitlines() or [type(e).__name__])[0][:300]
        error = "kernel %s did not start (%s: %s): %s" % (kernel, type(e).__name__, first, FIX)
    seconds = time.monotonic() - start
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, os.path.basename(path))
    nbformat.write(nb, target + ".tmp")
    os.replace(target + ".tmp", target)
    with open(stem + ".run.json.tmp", "w") as f:
        json.dump({"notebook": os.path.basename(path), "seconds": round(seconds, 1),
                   "peak_rss_mb": max(peak) if peak else None, "error": error}, f)
    os.replace(stem + ".run.json.tmp", stem + ".run.json")
    return seconds, count_images(nb), error


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", help="notebook files to execute, in order")
    parser.add_argument("--out", required=True, help="folder for the executed copies")
    parser.add_argument("--kernel", default="java", help="kernelspec name (default: java)")
    parser.add_argument("--cell-timeout", type=int, default=900, help="seconds one cell may take (default: 900)")
    parser.add_argument("--startup-timeout", type=int, default=180, help="seconds the kernel may take to start")
    args = parser.parse_args()

    rows = []
    for path in args.notebooks:
        print("running %s ..." % path, flush=True)
        seconds, images, error = run(path, args.out, args.kernel, args.cell_timeout, args.startup_timeout)
        rows.append((os.path.basename(path), seconds, images, error))
        print("  %s in %.1f s, %d images%s" % ("FAILED" if error else "ok", seconds, images,
                                                ": " + error if error else ""), flush=True)

    width = max([len("notebook")] + [len(r[0]) for r in rows])
    print()
    print("%-*s  %8s  %6s  %s" % (width, "notebook", "seconds", "images", "result"))
    for name, seconds, images, error in rows:
        print("%-*s  %8.1f  %6d  %s" % (width, name, seconds, images, "FAILED" if error else "ok"))
    failed = [r for r in rows if r[3]]
    for name, _, _, error in failed:
        print("%s: %s" % (name, error))
    print("notebooks: %d passed, %d failed" % (len(rows) - len(failed), len(failed)))
    print("executed copies: %s" % args.out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
