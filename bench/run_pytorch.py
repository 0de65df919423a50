"""The PyTorch side of environment/bench: the twin of org.dgm4j.bench.ComparisonBench.

One model at one batch size per process. Training mirrors the DGM4J fit loop step for step: an
in-memory data set of random 8-bit images batched in a shuffled order and scaled to [0, 1], the engine
seeded every step, the loss terms read back to the host and checked, Adam (torch.optim defaults,
lr 1e-3), and for the U-Net gradient clipping at norm 1 and an EMA with decay min(0.995, (1+n)/(10+n)).
Inference is the forward pass under torch.no_grad(). Prints RESULT key=value lines.
Usage: run_pytorch.py model=mlp batch=128 threads=2 [warmup=2 seconds=3 min-steps=2 profile=0 trace=f]
(warmup and seconds per phase, in seconds; the same arguments as the Java side)
"""
import math
import os
import sys
import time

import torch

import pytorch_models as P

DATA_IMAGES = 1024


def result(key, value):
    print(f"RESULT {key}={value}", flush=True)


def build(name):
    """(module whose parameters train, loss(x) -> terms, forward(x), image side, EMA decay or None)."""
    if name == "unet":
        net = P.UNet()
        objective = P.Denoising(net, steps=1000)
        return net, objective.loss, objective.forward, 28, 0.995
    model = {"mlp": P.mlp_vae, "conv28": P.conv28_vae, "conv64": P.conv64_vae}[name]()
    side = 64 if name == "conv64" else 28
    return model, lambda x: P.vae_loss(model, x), model, side, None


class Clock:
    """Step timestamps: warm-up until warmup seconds have passed (at least one step when positive),
    then at least min_steps timed steps and seconds; the same rule as the Java StepClock."""

    def __init__(self, warmup, seconds, min_steps):
        self.warmup, self.seconds, self.min_steps = warmup, seconds, min_steps
        self.stamps = [time.perf_counter()]
        self.warm = 0 if warmup <= 0 else None
        self.warm_rss = status_mb("VmRSS")

    def tick(self):
        now = time.perf_counter()
        self.stamps.append(now)
        if self.warm is None and now - self.stamps[0] >= self.warmup:
            self.warm = len(self.stamps) - 1
            self.warm_rss = status_mb("VmRSS")

    def timed(self):
        return len(self.stamps) - 1 - self.warm

    def elapsed(self):
        return self.stamps[-1] - self.stamps[self.warm]

    def rss_growth(self):
        return status_mb("VmRSS") - self.warm_rss

    def more(self):
        return self.warm is None or self.timed() < self.min_steps or self.elapsed() < self.seconds


def status_mb(key):
    """A memory figure of this process from /proc/self/status (VmHWM: peak RSS, VmRSS: now), in MB."""
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith(key + ":")).split()[1]) // 1024


def batches(data, batch, seed):
    """Shuffled batches, epoch after epoch, as float images in [0, 1] of shape (B, 1, H, W)."""
    epoch = 0
    while True:
        order = torch.randperm(data.shape[0], generator=torch.Generator().manual_seed(seed + epoch))
        for start in range(0, data.shape[0], batch):
            yield data[order[start:start + batch]].float().div(255).unsqueeze(1)
        epoch += 1


def train(module, loss_fn, ema_decay, data, batch, clock):
    params = [p for p in module.parameters() if p.requires_grad]
    adam = torch.optim.Adam(params, lr=1e-3)
    ema = [p.detach().clone() for p in params] if ema_decay else None
    step = 0
    for x in batches(data, batch, 1):
        step += 1
        torch.manual_seed(step)
        terms = loss_fn(x)
        adam.zero_grad(set_to_none=True)
        terms[0].backward()
        values = torch.stack([t.detach() for t in terms]).tolist()
        if not all(math.isfinite(v) for v in values):
            raise RuntimeError(f"non-finite loss at step {step}: {values}")
        if ema is not None:
            torch.nn.utils.clip_grad_norm_(params, 1.0)
        adam.step()
        if ema is not None:
            with torch.no_grad():
                torch._foreach_lerp_(ema, params, 1 - min(ema_decay, (1 + step) / (10 + step)))
        clock.tick()
        if not clock.more():
            return clock


def infer(forward, data, batch, clock):
    with torch.no_grad():
        for x in batches(data, batch, 7):
            forward(x)
            clock.tick()
            if not clock.more():
                return clock


def main(argv):
    opts = dict(a.split("=", 1) for a in argv)
    name, batch = opts.get("model", "mlp"), int(opts.get("batch", "128"))
    threads = int(opts.get("threads", "1"))
    warmup, seconds = float(opts.get("warmup", "2")), float(opts.get("seconds", "3"))
    min_steps, profile = int(opts.get("min-steps", "2")), int(opts.get("profile", "0"))
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    result("side", "pytorch")
    result("torch", torch.__version__)
    result("threads", torch.get_num_threads())
    result("interop_threads", torch.get_num_interop_threads())
    result("model", name)
    result("batch", batch)
    torch.manual_seed(1)
    module, loss_fn, forward, side, ema_decay = build(name)
    result("params", sum(p.numel() for p in module.parameters() if p.requires_grad))
    data = torch.randint(0, 256, (DATA_IMAGES, side, side), dtype=torch.uint8,
                         generator=torch.Generator().manual_seed(1))
    t = train(module, loss_fn, ema_decay, data, batch, Clock(warmup, seconds, min_steps))
    result("train_img_s", f"{t.timed() * batch / t.elapsed():.2f}")
    result("train_ms_step", f"{1000 * t.elapsed() / t.timed():.3f}")
    result("train_steps", t.timed())
    result("train_rss_growth_mb", t.rss_growth())
    result("train_how", "the same loop in Python, per-step timestamps")
    i = infer(forward, data, batch, Clock(warmup, seconds, min_steps))
    result("infer_img_s", f"{i.timed() * batch / i.elapsed():.2f}")
    result("infer_steps", i.timed())
    if profile > 0:
        trace = opts.get("trace", "pytorch-trace.json")
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
            p = train(module, loss_fn, ema_decay, data, batch, Clock(0, 0, profile))
        prof.export_chrome_trace(trace)
        result("profile_steps", p.timed())
        result("profile_ms_step", f"{1000 * p.elapsed() / p.timed():.3f}")
        result("trace", os.path.abspath(trace))
    result("peak_rss_mb", status_mb("VmHWM"))


if __name__ == "__main__":
    main(sys.argv[1:])
