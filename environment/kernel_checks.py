"""Kernel start-up time and memory steady state of re-run cells, in the real Java kernel.

Used by environment/memcheck. Starts the kernelspec (default 'java', found on JUPYTER_PATH) with
notebooks/ as working directory, then:

1. start-up: times kernel launch -> ready, the notebooks' first cell (read from the first notebook:
   %classpath, imports, Course.setup()) and a first DJL op (an NDArray summed by PyTorch);
2. re-runs: runs a training cell (MLP VAE z=20 on an MNIST subset, 1 epoch, no cache, default
   progress display, a scratch sub-manager closed at the end) several times, then a cell that fits
   the same model through the checkpoint cache (the first run trains and saves, later runs reload),
   and after every run reads the kernel process's RSS (/proc/<pid>/status) and, through a probe cell
   (System.gc(), then org.dgm4j.Engines.liveArrays()), the live NDArray count and the JVM heap in use;
3. data cells (informational): re-runs a cell loading MNIST subsets with the old chain
   Mnist.train(manager).subset(n, seed), which leaves the full set alive on every run, the same
   cell closing the full sets, and as the notebooks write it, Mnist.train(manager, n, seed), with
   RSS and live arrays after each run.

4. with --notebooks-reruns instead: every notebook in turn, in a fresh kernel with the smoke profile
   and an empty checkpoint folder, top to bottom; each data cell (it loads MNIST or Fashion-MNIST)
   and each training cell (it runs a fit, a sweep, a recipe or a notebook's training helper) is run three times in a row, the live
   NDArray count read after each run. Flat: the same count after every run of the cell.

Flat means: after the first run of a cell (warm-up) the live-array count never changes and the
kernel's RSS never exceeds its value after the first run by more than --rss-tolerance-mb.
Exits 1 when either re-run series is not flat, 2 when the kernel or a cell fails.
"""
import argparse
import glob
import json
import os
import re
import shutil
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

SETUP_CELL = """import org.dgm4j.model.*; import org.dgm4j.loss.*; import org.dgm4j.train.*;
NDManager manager = Engines.newManager();
ImageDataset train = Mnist.train(manager).subset({images}, 1);
train"""

DJL_CELL = """NDManager firstManager = Engines.newManager();
firstManager.arange(1f, 11f).sum().getFloat()"""

TRAIN_CELL = """Vae vae = Vae.mlp(20);
History h = Fit.of(vae, new VaeObjective(vae)).train(train).epochs(1).batchSize(128)
        .learningRate(1e-3).seed(1){cache}.run();
double heldIn;
try (NDManager scratch = manager.newSubManager()) {{
    Batch b = new Batch(scratch, train.x(scratch, 0, 256), train.y(scratch, 0, 256));
    heldIn = new VaeObjective(vae).compute(b, false).total().getFloat();
}}
String.format("train -ELBO %.1f nats, first 256 images %.1f nats", h.last("train/total"), heldIn)"""

CACHE = '.cache("memcheck-mlp-z20").checkpoints(Checkpoints.at(java.nio.file.Paths.get("{dir}")))'

DATA_CELLS = [
    ("the old chain (Mnist.train(manager).subset)", """ImageDataset nbTrain = Mnist.train(manager).subset(6000, 0);
ImageDataset nbTest = Mnist.test(manager).subset(2000, 0);"""),
    ("closing the full sets (try-with-resources)", """ImageDataset nbTrain, nbTest;
try (ImageDataset all = Mnist.train(manager)) { nbTrain = all.subset(6000, 0); }
try (ImageDataset all = Mnist.test(manager)) { nbTest = all.subset(2000, 0); }"""),
    ("the library's helpers (Mnist.train(manager, n, seed))", """ImageDataset nbTrain = Mnist.train(manager, 6000, 0);
ImageDataset nbTest = Mnist.test(manager, 2000, 0);"""),
]

PROBE_CELL = """System.gc();
Runtime rt = Runtime.getRuntime();
Engines.liveArrays() + " " + ((rt.totalMemory() - rt.freeMemory()) >> 20)"""


class CellError(Exception):
    pass


DATA_CELL = re.compile(r"\b(Mnist|FashionMnist)\.(train|test)\(")
# a fit, a sweep or a recipe run, or notebook 06's helper train("fashion", ...)
TRAINING_CELL = re.compile(r"\.run\(\)|\brecipe\.fit\(|\btrain\(\"")


def execute(kc, code, timeout):
    """Runs one cell; returns (text/plain result or None, stdout text). Raises CellError on errors."""
    out, result, error = [], [None], [None]

    def hook(msg):
        kind, content = msg["header"]["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content.get("text", ""))
        elif kind == "execute_result":
            result[0] = content.get("data", {}).get("text/plain")
        elif kind == "error":
            error[0] = "%s: %s" % (content.get("ename", ""), content.get("evalue", ""))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=timeout)
    if reply["content"].get("status") != "ok" or error[0]:
        raise CellError("cell failed: %s\n--- cell ---\n%s\n--- output ---\n%s"
                        % (error[0] or reply["content"].get("evalue", "?"), code, "".join(out)[-2000:]))
    return result[0], "".join(out)


def first_cell(notebooks):
    """The first code cell of the first notebook (the course's set-up cell)."""
    for path in sorted(glob.glob(os.path.join(notebooks, "*.ipynb"))):
        with open(path, encoding="utf-8") as f:
            for cell in json.load(f)["cells"]:
                if cell["cell_type"] == "code":
                    return os.path.basename(path), "".join(cell["source"])
    raise SystemExit("no notebook with a code cell in %s" % notebooks)


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return -1


def cpu_seconds(pid):
    """User + system CPU time of the process so far (all its threads)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def probe(kc, pid, timeout):
    text, _ = execute(kc, PROBE_CELL, timeout)
    arrays, heap = (int(v) for v in re.findall(r"\d+", text or "")[:2])
    return rss_mb(pid), arrays, heap


def reruns(kc, pid, title, code, runs, timeout):
    print("\n%s, %d runs" % (title, runs))
    print("run  seconds   RSS MB  heap MB  live arrays  result")
    rows = []
    for run in range(1, runs + 1):
        t0 = time.monotonic()
        result, _ = execute(kc, code, timeout)
        seconds = time.monotonic() - t0
        rss, arrays, heap = probe(kc, pid, timeout)
        rows.append((rss, arrays))
        print("%3d  %7.1f  %7d  %7d  %11d  %s" % (run, seconds, rss, heap, arrays, (result or "").strip('"')))
        sys.stdout.flush()
    return rows


def data_reruns(kc, pid, runs, timeout):
    """Re-runs a data cell in two idioms and prints what each run adds (informational, not a verdict)."""
    print("\nData cell re-runs (6,000 + 2,000 images; informational: a redefined variable's old data set"
          " stays alive unless closed)")
    print("%-45s %s" % ("idiom", "RSS MB and live arrays after each run"))
    for title, code in DATA_CELLS:
        rows = []
        for _ in range(runs):
            execute(kc, code, timeout)
            rss, arrays, _ = probe(kc, pid, timeout)
            rows.append("%d/%d" % (rss, arrays))
        print("%-45s %s" % (title, "  ".join(rows)))


def verdict(title, rows, tolerance):
    base_rss, base_arrays = rows[0]
    later = rows[1:]
    growth = max(r[0] for r in later) - base_rss
    arrays_flat = all(r[1] == base_arrays for r in later)
    rss_flat = growth <= tolerance
    print("%s: RSS after run 1 %d MB, highest later %+d MB (tolerance %d MB) -> %s; live arrays %s -> %s"
          % (title, base_rss, growth, tolerance, "flat" if rss_flat else "GROWING",
             [r[1] for r in rows], "flat" if arrays_flat else "GROWING"))
    return rss_flat and arrays_flat


def cell_kind(code):
    """'data', 'training', 'data+training' or '' for a code cell's source."""
    kinds = [k for k, rx in (("data", DATA_CELL), ("training", TRAINING_CELL)) if rx.search(code)]
    return "+".join(kinds)


def notebook_reruns(kernel, notebooks, runs, timeout):
    """Re-runs the data and training cells of every notebook; returns (all flat, kernel or cell failed)."""
    paths = sorted(glob.glob(os.path.join(notebooks, "*.ipynb")))
    print("Data and training cells of every notebook, each run %d times in a row (profile smoke, fresh"
          " kernel and checkpoint folder per notebook); live NDArrays after each run" % runs)
    print("%-36s %4s  %-13s  %-22s %s" % ("notebook", "cell", "kind", "live arrays", "verdict"))
    all_flat, failed = True, False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            cells = [(i, "".join(c["source"])) for i, c in enumerate(json.load(f)["cells"]) if c["cell_type"] == "code"]
        checkpoints = tempfile.mkdtemp(prefix="dgm4j-memcheck-")
        env = dict(os.environ, DGM4J_PROFILE="smoke", DGM4J_CHECKPOINTS=checkpoints)
        km = KernelManager(kernel_name=kernel)
        name = os.path.basename(path)
        try:
            km.start_kernel(cwd=notebooks, env=env)
        except Exception as e:  # no such kernelspec, java missing, ...
            print("%-36s kernel '%s' did not start: %s" % (name, kernel, e))
            shutil.rmtree(checkpoints, ignore_errors=True)
            return False, True
        kc = km.client()
        try:
            kc.start_channels()
            kc.wait_for_ready(timeout=120)
            for index, code in cells:
                execute(kc, code, timeout)
                kind = cell_kind(code)
                if not kind:
                    continue
                counts = [probe(kc, km.provisioner.pid, timeout)[1]]
                for _ in range(runs - 1):
                    execute(kc, code, timeout)
                    counts.append(probe(kc, km.provisioner.pid, timeout)[1])
                flat = len(set(counts)) == 1
                all_flat = all_flat and flat
                print("%-36s %4d  %-13s  %-22s %s" % (name, index, kind, " ".join(map(str, counts)),
                                                     "flat" if flat else "GROWING"))
                sys.stdout.flush()
        except (CellError, RuntimeError, TimeoutError) as e:
            print("%-36s ERROR: %s" % (name, e))
            failed = True
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
            shutil.rmtree(checkpoints, ignore_errors=True)
    return all_flat, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernel", default="java", help="kernelspec name (default java)")
    parser.add_argument("--notebooks", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks"),
                        help="working directory of the kernel and source of the first cell")
    parser.add_argument("--images", type=int, default=6000, help="MNIST training images per run (default 6000)")
    parser.add_argument("--runs", type=int, default=6, help="runs of each re-run cell (default 6)")
    parser.add_argument("--rss-tolerance-mb", type=int, default=64,
                        help="allowed RSS growth after the first run of a cell (default 64)")
    parser.add_argument("--goal-seconds", type=float, default=5.0, help="goal for kernel start to first DJL result")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    parser.add_argument("--notebooks-reruns", action="store_true",
                        help="only step 4: re-run the data and training cells of every notebook (3 runs each)")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    notebooks = os.path.abspath(args.notebooks)
    if args.notebooks_reruns:
        flat, failed = notebook_reruns(args.kernel, notebooks, 3, args.timeout)
        print("live arrays flat on re-run in every notebook" if flat and not failed
              else "LIVE ARRAYS NOT FLAT on re-run" if not failed else "a kernel or a cell failed")
        return 2 if failed else 0 if flat else 1
    source, setup = first_cell(notebooks)
    cache_dir = tempfile.mkdtemp(prefix="dgm4j-memcheck-")
    km = KernelManager(kernel_name=args.kernel)
    t0 = time.monotonic()
    try:
        km.start_kernel(cwd=notebooks)
    except Exception as e:  # no such kernelspec, java missing, ...
        print("kernel '%s' did not start: %s" % (args.kernel, e))
        return 2
    kc = km.client()
    status = 0
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        t_ready = time.monotonic()
        pid = km.provisioner.pid
        c_ready = cpu_seconds(pid)
        execute(kc, setup, args.timeout)
        t_setup, c_setup = time.monotonic(), cpu_seconds(pid)
        value, _ = execute(kc, DJL_CELL, args.timeout)
        t_djl, c_djl = time.monotonic(), cpu_seconds(pid)
        total = t_djl - t0
        print("Kernel '%s' (pid %d), working directory %s" % (args.kernel, pid, notebooks))
        print("%-45s %6s %12s" % ("", "wall", "kernel CPU"))
        print("%-45s %5.2f s %10.2f s" % ("kernel start -> ready", t_ready - t0, c_ready))
        print("%-45s %5.2f s %10.2f s" % ("first cell (%s's set-up)" % source, t_setup - t_ready, c_setup - c_ready))
        print("%-45s %5.2f s %10.2f s" % ("first DJL op (sum of 1..10 = %s)" % value, t_djl - t_setup, c_djl - c_setup))
        print("%-45s %5.2f s %10.2f s (goal <= %.0f s wall: %s)"
              % ("kernel start -> first DJL result", total, c_djl, args.goal_seconds,
                 "met" if total <= args.goal_seconds else "MISSED"))
        data, _ = execute(kc, SETUP_CELL.format(images=args.images), args.timeout)
        print("training data: %s" % (data or "").strip('"'))
        plain = reruns(kc, pid, "Training cell without cache (MLP VAE z=20, 1 epoch)",
                       TRAIN_CELL.format(cache=""), args.runs, args.timeout)
        cached = reruns(kc, pid, "Training cell through the checkpoint cache (run 1 trains and saves, later runs reload)",
                        TRAIN_CELL.format(cache=CACHE.format(dir=cache_dir)), args.runs, args.timeout)
        data_reruns(kc, pid, 3, args.timeout)
        print()
        flat = verdict("re-run training cell", plain, args.rss_tolerance_mb)
        flat = verdict("re-run cached cell", cached, args.rss_tolerance_mb) and flat
        print("kernel memory flat after warm-up" if flat else "KERNEL MEMORY NOT FLAT after warm-up")
        status = 0 if flat else 1
    except (CellError, RuntimeError, TimeoutError) as e:
        print("ERROR: %s" % e)
        status = 2
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        shutil.rmtree(cache_dir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
