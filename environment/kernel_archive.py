"""Creates the kernel's class-data-sharing archive (AppCDS) from a training run of the real kernel.

Used by environment/setup. Starts the kernelspec's own command line (its kernel.json, with any
-XX:SharedArchiveFile left out) plus -XX:ArchiveClassesAtExit=<archive>.tmp, runs the notebooks'
first cell (%classpath, imports, Course.setup()) and a first DJL op, asks the kernel to shut down
and, once the JVM has exited and written the archive, renames it to <archive>. The JVM maps the
archive at start-up (-XX:SharedArchiveFile) instead of loading and verifying the JDK compiler's,
JShell's and IJava's classes again; with a stale or unreadable archive it starts without it.
Exits 1 when the kernel or a cell fails or no archive was written.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

from jupyter_client.manager import KernelManager

from kernel_checks import DJL_CELL, execute, first_cell


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernelspec", required=True, help="folder of the kernelspec to train with")
    parser.add_argument("--notebooks", required=True, help="working directory and source of the first cell")
    parser.add_argument("--archive", required=True, help="archive to write (atomically)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args()
    with open(os.path.join(args.kernelspec, "kernel.json")) as f:
        spec = json.load(f)
    args.archive = os.path.abspath(args.archive)
    tmp_archive = args.archive + ".tmp"
    if os.path.exists(tmp_archive):
        os.remove(tmp_archive)
    argv = [a for a in spec["argv"] if not a.startswith(("-XX:SharedArchiveFile=", "-Xshare:", "-Xlog:cds"))]
    spec["argv"] = [argv[0], "-XX:ArchiveClassesAtExit=" + tmp_archive] + argv[1:]
    spec["display_name"] += " (CDS training)"
    scratch = tempfile.mkdtemp(prefix="dgm4j-cds-")
    os.makedirs(os.path.join(scratch, "kernels", "cds-training"))
    with open(os.path.join(scratch, "kernels", "cds-training", "kernel.json"), "w") as f:
        json.dump(spec, f)
    os.environ["JUPYTER_PATH"] = scratch
    _, setup = first_cell(args.notebooks)
    km = KernelManager(kernel_name="cds-training")
    status = 1
    try:
        km.start_kernel(cwd=args.notebooks)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            execute(kc, setup, args.timeout)
            execute(kc, DJL_CELL, args.timeout)
        finally:
            kc.stop_channels()
        # A clean shutdown (shutdown_request, then the JVM exits) makes the JVM write the archive;
        # a kernel that had to be killed may have left a partial one, which is discarded.
        process = km.provisioner.process
        km.shutdown_wait_time = 120
        km.shutdown_kernel(now=False)
        if process.returncode == 0 and os.path.exists(tmp_archive) and os.path.getsize(tmp_archive) > 0:
            os.replace(tmp_archive, args.archive)
            print("%.1f MB" % (os.path.getsize(args.archive) / 1e6))
            status = 0
        else:
            print("the kernel exited (status %s) without writing %s" % (process.returncode, tmp_archive),
                  file=sys.stderr)
    except Exception as e:  # kernel did not start, a cell failed, ...
        print("training run failed: %s" % e, file=sys.stderr)
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if os.path.exists(tmp_archive):
            os.remove(tmp_archive)
    return status


if __name__ == "__main__":
    sys.exit(main())
