"""Runs the DGM4J (Java) and PyTorch (Python) sides of the benchmark alternately and prints the tables.

Called by environment/bench, which sets up the venv and builds the Java classes. Every (side, model,
batch) run is its own process (so the peak RSS is that model's), with the same thread settings on both
sides. Prints a markdown report (throughput table, per-op overhead table) and writes it to --out.

With --ab-classpath the two sides are two builds of DGM4J instead (A: --classpath, B: --ab-classpath,
e.g. two DJL/libtorch stacks or two commits), run alternately in the same way; the report is the table
of B / A ratios with every pair's ratio, and needs no PyTorch.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, env):
    """Runs one side; returns its RESULT key=value lines as a dict (raises with the output on failure)."""
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            key, _, value = line[len("RESULT "):].partition("=")
            results[key] = value
    if proc.returncode != 0 or "peak_rss_mb" not in results:
        raise SystemExit(f"benchmark run failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-4000:]}")
    return results


def op_profile(trace_path, steps):
    """(kernel ms per step, host op calls per step) from a Chrome trace of `steps` training steps.

    Kernel time is the time covered by top-level operator events (their self times summed over the
    whole call tree); host op calls are top-level operators not run by the autograd engine's backward,
    i.e. the calls the Java or Python code made across its boundary into libtorch.
    """
    with open(trace_path) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    ops = [e for e in events if e.get("ph") == "X"
           and (e.get("cat") == "cpu_op" or ("cat" not in e and e.get("pid") == "CPU Functions"))]
    by_thread = {}
    for e in ops:
        by_thread.setdefault(e.get("tid"), []).append(e)
    covered_us, host_calls = 0.0, 0
    for thread_ops in by_thread.values():
        thread_ops.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        end = float("-inf")
        for e in thread_ops:
            ts, dur = float(e["ts"]), float(e["dur"])
            if ts >= end:
                covered_us += dur
                end = ts + dur
                if not e["name"].startswith("autograd::engine"):
                    host_calls += 1
    return covered_us / 1000 / steps, host_calls / steps


def machine():
    model, cores = platform.processor() or "?", os.cpu_count()
    try:
        with open("/proc/cpuinfo") as f:
            model = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0]
    return (f"{model}, {cores} logical CPUs ({len(os.sched_getaffinity(0))} usable by this run); "
            f"load average {load:.2f} when the run started")


def ratio(a, b):
    return f"{a / b:.2f}×" if b > 0 else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--java", default="java", help="the java executable")
    ap.add_argument("--classpath", required=True, help="classpath of org.dgm4j.bench.ComparisonBench")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--models", default="mlp,conv28,conv64,unet")
    ap.add_argument("--batches", default="128,512")
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per phase")
    ap.add_argument("--seconds", type=float, default=3.0, help="timed seconds per phase")
    ap.add_argument("--min-steps", type=int, default=2)
    ap.add_argument("--overhead-models", default="mlp,conv28")
    ap.add_argument("--overhead-steps", type=int, default=20)
    ap.add_argument("--heap", default="4g")
    ap.add_argument("--work", required=True, help="folder for traces")
    ap.add_argument("--out", required=True, help="markdown report file")
    ap.add_argument("--ab-classpath", help="classpath of build B: compare two DGM4J builds instead of PyTorch")
    ap.add_argument("--ab-labels", default="A,B", help="names of builds A and B for the report")
    a = ap.parse_args()
    if a.ab_classpath:
        return ab_main(a)

    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads), MKL_NUM_THREADS=str(a.threads))
    java = [a.java, "-cp", a.classpath, f"-Xmx{a.heap}", f"-Dai.djl.pytorch.num_threads={a.threads}",
                             "-Dai.djl.pytorch.num_interop_threads=1", "org.dgm4j.bench.ComparisonBench"]
    python = [a.python, os.path.join(HERE, "run_pytorch.py"), f"threads={a.threads}"]
    timing = [f"warmup={a.warmup}", f"seconds={a.seconds}", f"min-steps={a.min_steps}"]
    sides = {"dgm4j": java, "pytorch": python}
    started = time.time()
    host = machine()
    rows, versions = [], {}
    for model in a.models.split(","):
        for batch in (int(b) for b in a.batches.split(",")):
            runs = {"dgm4j": [], "pytorch": []}
            for r in range(a.repeats):
                order = ("dgm4j", "pytorch") if r % 2 == 0 else ("pytorch", "dgm4j")
                for side in order:
                    res = run(sides[side] + [f"model={model}", f"batch={batch}"] + timing, env)
                    print(f"  {model:6} batch {batch:4} run {r + 1}/{a.repeats} {side:7}: train "
                          f"{float(res['train_img_s']):9.1f} img/s, inference {float(res['infer_img_s']):9.1f} img/s, "
                          f"peak RSS {res['peak_rss_mb']} MB", flush=True)
                    runs[side].append(res)
                    versions[side] = res["torch"]
            params = {s: runs[s][0]["params"] for s in runs}
            if params["dgm4j"] != params["pytorch"]:
                raise SystemExit(f"ERROR: {model} has {params['dgm4j']} trainable parameters in DGM4J but "
                                 f"{params['pytorch']} in PyTorch: the two models are not the same architecture")
            med = {s: {k: statistics.median(float(x[k]) for x in runs[s])
                       for k in ("train_img_s", "infer_img_s")} for s in runs}
            rss = {s: (min(int(x["peak_rss_mb"]) for x in runs[s]), max(int(x["peak_rss_mb"]) for x in runs[s]))
                   for s in runs}
            growth = {s: max(int(x["train_rss_growth_mb"]) for x in runs[s]) for s in runs}
            rows.append((model, batch, int(params["dgm4j"]), med, rss, growth))

    overhead = []
    for model in [m for m in a.overhead_models.split(",") if m]:
        for side in ("dgm4j", "pytorch"):
            trace = os.path.join(a.work, f"trace-{side}-{model}.json")
            res = run(sides[side] + [f"model={model}", "batch=8", f"profile={a.overhead_steps}", f"trace={trace}"]
                      + timing, env)
            kernels, calls = op_profile(trace, int(res["profile_steps"]))
            step = float(res["profile_ms_step"])
            overhead.append((model, side, float(res["train_ms_step"]), step, kernels, calls))
            print(f"  overhead {model:6} {side:7}: profiled step {step:.2f} ms, kernels {kernels:.2f} ms, "
                  f"{calls:.0f} op calls", flush=True)

    lines = [
        f"### DGM4J vs PyTorch on CPU ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"- Machine: {host}",
        f"- Threads: {a.threads} intra-op, 1 inter-op, OMP_NUM_THREADS={a.threads}, on both sides",
        f"- DGM4J: DJL's bundled libtorch {versions.get('dgm4j', '?')}, Java {platform_java(java[0])}, -Xmx{a.heap}; "
        "training through `Fit` (the notebooks' loop, the library's Adam), a time-bounded epoch timed per step",
        f"- PyTorch: torch {versions.get('pytorch', '?')} (Python {platform.python_version()}), the same models, "
        "losses and loop (torch.optim.Adam defaults), per step",
        f"- Each figure: median of {a.repeats} runs, sides alternating, each its own process; "
        f"warm-up ≥ {a.warmup:g} s, then ≥ {a.seconds:g} s and ≥ {a.min_steps} timed steps per phase; "
        "random 8-bit images in memory; inference = forward pass without gradients",
        "",
        "| model | batch | parameters | train img/s DGM4J | train img/s PyTorch | train DGM4J/PyTorch "
        "| inference img/s DGM4J | inference img/s PyTorch | inference DGM4J/PyTorch | peak RSS MB DGM4J | peak RSS MB PyTorch "
        "| RSS growth MB DGM4J / PyTorch |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    met = 0
    for model, batch, params, med, rss, growth in rows:
        d, p = med["dgm4j"], med["pytorch"]
        met += d["train_img_s"] >= p["train_img_s"]
        lines.append(f"| {model} | {batch} | {params:,} | {d['train_img_s']:.1f} | {p['train_img_s']:.1f} | "
                     f"{ratio(d['train_img_s'], p['train_img_s'])} | {d['infer_img_s']:.1f} | {p['infer_img_s']:.1f} | "
                     f"{ratio(d['infer_img_s'], p['infer_img_s'])} | {rss_text(rss['dgm4j'])} | {rss_text(rss['pytorch'])} | "
                     f"{growth['dgm4j']} / {growth['pytorch']} |")
    lines += ["", f"Goal ≥ 1.0× PyTorch's training images/s: met in {met} of {len(rows)} rows. "
              "Peak RSS is VmHWM at the end of each process (min–max over the runs when they differ); RSS growth is "
              "VmRSS at the end of the timed training steps minus VmRSS after the warm-up (largest over the runs): "
              "0 means flat memory."]
    if overhead:
        lines += ["", "#### Per-op overhead (training step at batch 8)", "",
                  f"{a.overhead_steps} training steps under each side's profiler (DJL's `JniUtils.startProfile`, "
                  "torch.profiler), after the timed phases. Kernels: the time covered by top-level libtorch "
                  "operators in the trace; op calls: top-level operators called from Java or Python (not by the "
                  "autograd engine's backward). Overhead per call = (profiled step − kernels) / calls: the time "
                  "per operator spent outside libtorch's operators (the language crossing, the library's own "
                  "code, memory management).", "",
                  "| model | side | step ms | profiled step ms | kernels ms | op calls/step | overhead ms | µs per op call |",
                  "|---|---|--:|--:|--:|--:|--:|--:|"]
        for model, side, plain, step, kernels, calls in overhead:
            lines.append(f"| {model} | {side} | {plain:.2f} | {step:.2f} | {kernels:.2f} | {calls:.0f} | "
                         f"{step - kernels:.2f} | {1000 * (step - kernels) / calls:.1f} |")
    write_report(lines, started, a.out)


def write_report(lines, started, out):
    """Prints the report with the benchmark's wall time and writes it to out atomically."""
    lines = lines + ["", f"Wall time of the benchmark: {time.time() - started:.0f} s."]
    report = "\n".join(lines) + "\n"
    print()
    print(report)
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write(report)
    os.replace(tmp, out)
    print(f"written to {out}")


def java_command(a, classpath):
    return [a.java, "-cp", classpath, f"-Xmx{a.heap}", f"-Dai.djl.pytorch.num_threads={a.threads}",
            "-Dai.djl.pytorch.num_interop_threads=1", "-Dai.djl.offline=true", "org.dgm4j.bench.ComparisonBench"]


def ab_main(a):
    """Two DGM4J builds, alternating A, B, B, A, ...; the table of B / A with every pair's ratio."""
    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads), MKL_NUM_THREADS=str(a.threads))
    label = dict(zip(("A", "B"), a.ab_labels.split(",", 1)))
    sides = {"A": java_command(a, a.classpath), "B": java_command(a, a.ab_classpath)}
    timing = [f"warmup={a.warmup}", f"seconds={a.seconds}", f"min-steps={a.min_steps}"]
    started, host = time.time(), machine()
    rows, versions = [], {}
    for model in a.models.split(","):
        for batch in (int(b) for b in a.batches.split(",")):
            runs = {"A": [], "B": []}
            for r in range(a.repeats):
                for side in (("A", "B") if r % 2 == 0 else ("B", "A")):
                    res = run(sides[side] + [f"model={model}", f"batch={batch}"] + timing, env)
                    print(f"  {model:6} batch {batch:4} pair {r + 1}/{a.repeats} {side} ({label[side]}, libtorch "
                          f"{res['torch']}): train {float(res['train_img_s']):8.1f} img/s, inference "
                          f"{float(res['infer_img_s']):8.1f} img/s, peak RSS {res['peak_rss_mb']} MB", flush=True)
                    runs[side].append(res)
                    versions[side] = res["torch"]
            if runs["A"][0]["params"] != runs["B"][0]["params"]:
                raise SystemExit(f"ERROR: {model} has {runs['A'][0]['params']} trainable parameters in A but "
                                 f"{runs['B'][0]['params']} in B: the builds differ in architecture")
            pairs = {k: [float(b[k]) / float(x[k]) for x, b in zip(runs["A"], runs["B"])]
                     for k in ("train_img_s", "infer_img_s")}
            med = {s: {k: statistics.median(float(x[k]) for x in runs[s]) for k in ("train_img_s", "infer_img_s")}
                   for s in runs}
            rss = {s: max(int(x["peak_rss_mb"]) for x in runs[s]) for s in runs}
            rows.append((model, batch, med, pairs, rss))
    lines = [
        f"### DGM4J A/B on CPU ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"- Machine: {host}",
        f"- Threads: {a.threads} intra-op, 1 inter-op, OMP_NUM_THREADS={a.threads}, on both builds",
        f"- A: {label['A']} (libtorch {versions.get('A', '?')}); B: {label['B']} (libtorch {versions.get('B', '?')})",
        f"- {a.repeats} pairs per row, alternating A B, B A, ...; each run its own process, warm-up ≥ {a.warmup:g} s, "
        f"then ≥ {a.seconds:g} s and ≥ {a.min_steps} timed steps per phase",
        "",
        "| model | batch | train img/s A | train img/s B | train B/A (median) | train B/A per pair "
        "| inference B/A (median) | inference B/A per pair | peak RSS MB A / B |",
        "|---|--:|--:|--:|--:|---|--:|---|--:|",
    ]
    for model, batch, med, pairs, rss in rows:
        lines.append(f"| {model} | {batch} | {med['A']['train_img_s']:.1f} | {med['B']['train_img_s']:.1f} | "
                     f"{statistics.median(pairs['train_img_s']):.2f}× | "
                     f"{', '.join(f'{x:.2f}' for x in pairs['train_img_s'])} | "
                     f"{statistics.median(pairs['infer_img_s']):.2f}× | "
                     f"{', '.join(f'{x:.2f}' for x in pairs['infer_img_s'])} | {rss['A']} / {rss['B']} |")
    write_report(lines, started, a.out)


def rss_text(span):
    lo, hi = span
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def platform_java(java):
    out = subprocess.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    first = out.splitlines()[0] if out else "?"
    return first.split('"')[1] if '"' in first else first


if __name__ == "__main__":
    main()
