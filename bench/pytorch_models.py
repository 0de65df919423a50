"""The DGM4J benchmark models written in PyTorch, layer for layer as in the Java library.

Mirrors (Java class -> here):
  Vae.mlp(20)     784-512-256-z dense VAE                       -> mlp_vae()
  Vae.conv28(20)  Conv 32, 64 (3x3, s2) -> (mu, logVar);
                  FC -> 64x7x7 -> nearest x2 + 3x3 conv          -> conv28_vae()
  Vae.conv64(10)  Conv 32, 32, 64, 64 (4x4, s2) -> FC 256 -> z;
                  mirrored decoder, nearest x2 + 3x3 conv        -> conv64_vae()
  UNet(UNetConfig.small())  widths 16/32/64, one residual block per level, GroupNorm(8), SiLU,
                  sinusoidal time embedding + MLP, stride-2 conv down, nearest x2 + conv up,
                  skips by concatenation, no attention           -> UNet(16, (1, 2, 4), 1, 8)
Losses: VaeObjective (Bernoulli BCE-with-logits summed per image + closed-form KL, batch means) and
DenoisingObjective (eps-prediction MSE on the cosine schedule, T = 1000).
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(-1, *self.shape)


class Vae(nn.Module):
    """forward(x) -> (logits, mu, logvar, z), z = mu + exp(logvar / 2) * eps."""

    def __init__(self, encoder, decoder, latent):
        super().__init__()
        self.encoder, self.decoder, self.latent = encoder, decoder, latent

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = h[:, :self.latent], h[:, self.latent:]
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decoder(z), mu, logvar, z


def dense_stack(widths_in, widths):
    layers = []
    for w in widths:
        layers += [nn.Linear(widths_in, w), nn.ReLU()]
        widths_in = w
    return layers, widths_in


def mlp_vae(latent=20, hidden=(512, 256), image=(1, 28, 28)):
    pixels = math.prod(image)
    enc, width = dense_stack(pixels, hidden)
    dec, dwidth = dense_stack(latent, tuple(reversed(hidden)))
    encoder = nn.Sequential(nn.Flatten(), *enc, nn.Linear(width, 2 * latent))
    decoder = nn.Sequential(*dec, nn.Linear(dwidth, pixels), Reshape(*image))
    return Vae(encoder, decoder, latent)


def upsample_conv(cin, cout):
    """Upsampling.nearestConv: nearest x2, then a 3x3 'same' convolution."""
    return [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(cin, cout, 3, padding=1)]


def conv_vae(latent, side, channels, kernel, hidden):
    """Networks.convEncoder / convDecoder with padding 1 and stride-2 convolutions."""
    enc, cin, s = [], 1, side
    for c in channels:
        enc += [nn.Conv2d(cin, c, kernel, stride=2, padding=1), nn.ReLU()]
        cin, s = c, (s + 2 - kernel) // 2 + 1
    flat = channels[-1] * s * s
    dense, width = dense_stack(flat, hidden)
    encoder = nn.Sequential(*enc, nn.Flatten(), *dense, nn.Linear(width, 2 * latent))
    start = side >> len(channels)
    dec, width = dense_stack(latent, tuple(reversed(hidden)))
    dec += [nn.Linear(width, channels[-1] * start * start), nn.ReLU(), Reshape(channels[-1], start, start)]
    for i in range(len(channels) - 2, -1, -1):
        dec += upsample_conv(channels[i + 1], channels[i]) + [nn.ReLU()]
    dec += upsample_conv(channels[0], 1)
    return Vae(encoder, nn.Sequential(*dec), latent)


def conv28_vae(latent=20):
    return conv_vae(latent, 28, (32, 64), 3, ())


def conv64_vae(latent=10):
    return conv_vae(latent, 64, (32, 32, 64, 64), 4, (256,))


def vae_loss(model, x):
    """VaeLoss with Reconstruction.bernoulli(), beta = 1: (total, recon, kl), batch means."""
    logits, mu, logvar, _ = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=(1, 2, 3)).mean()
    kl = (0.5 * (mu.square() + logvar.exp() - logvar - 1)).sum(dim=1).mean()
    return recon + kl, recon, kl


def group_norm(channels, groups=8):
    return nn.GroupNorm(min(groups, channels), channels, eps=1e-5)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, time_dim):
        super().__init__()
        self.norm1, self.conv1 = group_norm(cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.time = nn.Linear(time_dim, cout)
        self.norm2, self.conv2 = group_norm(cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.shortcut = None if cin == cout else nn.Conv2d(cin, cout, 1)

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (x if self.shortcut is None else self.shortcut(x))


class UNet(nn.Module):
    """org.dgm4j.diffusion.UNet without attention and padding (UNetConfig.small())."""

    def __init__(self, base=16, multipliers=(1, 2, 4), res_blocks=1, groups=8):
        super().__init__()
        assert groups == 8
        self.base, levels = base, len(multipliers)
        width = [base * m for m in multipliers]
        time_dim = 4 * base
        self.time1, self.time2 = nn.Linear(base, time_dim), nn.Linear(time_dim, time_dim)
        self.input = nn.Conv2d(1, base, 3, padding=1)
        skips, ch = [base], base
        self.down, self.downsample = nn.ModuleList(), nn.ModuleList()
        for level in range(levels):
            blocks = nn.ModuleList()
            for _ in range(res_blocks):
                blocks.append(ResBlock(ch, width[level], time_dim))
                ch = width[level]
                skips.append(ch)
            self.down.append(blocks)
            if level < levels - 1:
                self.downsample.append(nn.Conv2d(ch, ch, 3, stride=2, padding=1))
                skips.append(ch)
        self.middle1, self.middle2 = ResBlock(ch, ch, time_dim), ResBlock(ch, ch, time_dim)
        self.up, self.upsample = nn.ModuleList(), nn.ModuleList()
        for level in range(levels - 1, -1, -1):
            blocks = nn.ModuleList()
            for _ in range(res_blocks + 1):
                blocks.append(ResBlock(ch + skips.pop(), width[level], time_dim))
                ch = width[level]
            self.up.append(blocks)
            if level > 0:
                self.upsample.append(nn.Conv2d(ch, width[level - 1], 3, padding=1))
                ch = width[level - 1]
        self.out_norm, self.out_conv = group_norm(ch), nn.Conv2d(ch, 1, 3, padding=1)
        self.levels = levels

    def time_embedding(self, t):
        half = self.base // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        args = t.reshape(-1, 1) * freqs.reshape(1, half)
        return torch.cat([args.sin(), args.cos()], dim=1)

    def forward(self, x, t):
        temb = self.time2(F.silu(self.time1(self.time_embedding(t))))
        h = self.input(x)
        skips = [h]
        for level in range(self.levels):
            for block in self.down[level]:
                h = block(h, temb)
                skips.append(h)
            if level < self.levels - 1:
                h = self.downsample[level](h)
                skips.append(h)
        h = self.middle2(self.middle1(h, temb), temb)
        for i in range(self.levels):
            for block in self.up[i]:
                h = block(torch.cat([h, skips.pop()], dim=1), temb)
            if i < self.levels - 1:
                h = self.upsample[i](F.interpolate(h, scale_factor=2, mode="nearest"))
        return self.out_conv(F.silu(self.out_norm(h)))


def cosine_alpha_bars(steps, s=0.008, max_beta=0.999):
    """NoiseSchedule.cosine: cumulative products of the clipped betas."""
    f = lambda t: math.cos((t / steps + s) / (1 + s) * math.pi / 2) ** 2
    bars, prod = [], 1.0
    for t in range(steps):
        prod *= 1 - min(1 - f(t + 1) / f(t), max_beta)
        bars.append(prod)
    return torch.tensor(bars, dtype=torch.float64)


class Denoising:
    """DenoisingObjective: x0 = 2x - 1, t ~ U{0..T-1}, eps ~ N(0, I), MSE(eps_theta(x_t, t), eps)."""

    def __init__(self, net, steps=1000):
        self.net, self.steps = net, steps
        bars = cosine_alpha_bars(steps)
        self.signal, self.spread = bars.sqrt().float(), (1 - bars).sqrt().float()

    def loss(self, x):
        x0 = x * 2 - 1
        t = torch.randint(0, self.steps, (x0.shape[0],))
        noise = torch.randn_like(x0)
        xt = self.signal[t].reshape(-1, 1, 1, 1) * x0 + self.spread[t].reshape(-1, 1, 1, 1) * noise
        mse = (self.net(xt, t.float()) - noise).square().mean()
        return mse, mse

    def forward(self, x):
        t = torch.randint(0, self.steps, (x.shape[0],))
        return self.net(x * 2 - 1, t.float())
