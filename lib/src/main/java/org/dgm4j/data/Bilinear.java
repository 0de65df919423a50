package org.dgm4j.data;

import java.util.stream.IntStream;

/**
 * Bilinear resampling of stacks of UINT8 images (row-major, {@code n x h x w} bytes), results rounded to
 * the nearest integer. Runs once at load time, in parallel over images.
 */
public final class Bilinear {

    private Bilinear() {}

    /**
     * Resizes every image to {@code outH x outW} with the convention of PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)}: output pixel centre {@code i} samples the
     * input at {@code (i + 0.5) * in / out - 0.5}, clamped to the image (edge pixels repeat).
     */
    public static byte[] resize(byte[] pixels, int n, int h, int w, int outH, int outW) {
        checkStack(pixels, n, h, w);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outH + " x " + outW);
        }
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        double[] wy = new double[outH];
        taps(h, outH, y0, y1, wy);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        double[] wx = new double[outW];
        taps(w, outW, x0, x1, wx);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(n, outH), outW)];
        IntStream.range(0, n).parallel().forEach(k -> {
            int in = k * h * w;
            int o = k * outH * outW;
            for (int i = 0; i < outH; i++) {
                int r0 = in + y0[i] * w;
                int r1 = in + y1[i] * w;
                double b = wy[i];
                for (int j = 0; j < outW; j++) {
                    double a = wx[j];
                    double top = (1 - a) * (pixels[r0 + x0[j]] & 0xff) + a * (pixels[r0 + x1[j]] & 0xff);
                    double bottom = (1 - a) * (pixels[r1 + x0[j]] & 0xff) + a * (pixels[r1 + x1[j]] & 0xff);
                    out[o + i * outW + j] = toByte((1 - b) * top + b * bottom);
                }
            }
        });
        return out;
    }

    /**
     * Rotates image {@code k} of the stack by {@code degrees[k]} counter-clockwise (as displayed, rows going
     * down) about the image centre {@code ((w-1)/2, (h-1)/2)}. Output pixel {@code (x, y)} samples the input
     * at {@code cx + cos(a)(x-cx) - sin(a)(y-cy)}, {@code cy + sin(a)(x-cx) + cos(a)(y-cy)}; samples outside
     * the image read 0 (black background).
     */
    public static byte[] rotate(byte[] pixels, int n, int h, int w, float[] degrees) {
        checkStack(pixels, n, h, w);
        if (degrees.length != n) {
            throw new IllegalArgumentException(degrees.length + " angles for " + n + " images");
        }
        byte[] out = new byte[pixels.length];
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        IntStream.range(0, n).parallel().forEach(k -> {
            double radians = Math.toRadians(degrees[k]);
            double cos = snap(Math.cos(radians));
            double sin = snap(Math.sin(radians));
            int base = k * h * w;
            for (int y = 0; y < h; y++) {
                double dy = y - cy;
                for (int x = 0; x < w; x++) {
                    double dx = x - cx;
                    double sx = cx + cos * dx - sin * dy;
                    double sy = cy + sin * dx + cos * dy;
                    out[base + y * w + x] = toByte(sampleZeroPadded(pixels, base, h, w, sx, sy));
                }
            }
        });
        return out;
    }

    private static double sampleZeroPadded(byte[] pixels, int base, int h, int w, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double a = sx - x0;
        double b = sy - y0;
        double top = (1 - a) * at(pixels, base, h, w, x0, y0) + a * at(pixels, base, h, w, x0 + 1, y0);
        double bottom = (1 - a) * at(pixels, base, h, w, x0, y0 + 1) + a * at(pixels, base, h, w, x0 + 1, y0 + 1);
        return (1 - b) * top + b * bottom;
    }

    private static int at(byte[] pixels, int base, int h, int w, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : pixels[base + y * w + x] & 0xff;
    }

    /** Input taps and weights of the half-pixel-centre convention, clamped at the edges. */
    private static void taps(int in, int out, int[] lo, int[] hi, double[] weight) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = Math.max(0, (i + 0.5) * scale - 0.5);
            int f = Math.min((int) Math.floor(src), in - 1);
            lo[i] = f;
            hi[i] = Math.min(f + 1, in - 1);
            weight[i] = src - f;
        }
    }

    /** Cosines and sines of multiples of 90 degrees are made exact, so those rotations permute pixels. */
    private static double snap(double v) {
        return Math.abs(v) < 1e-12 ? 0 : Math.abs(Math.abs(v) - 1) < 1e-12 ? Math.signum(v) : v;
    }

    private static byte toByte(double v) {
        long r = Math.round(v);
        return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    }

    private static void checkStack(byte[] pixels, int n, int h, int w) {
        if (n <= 0 || h <= 0 || w <= 0 || (long) n * h * w != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes do not make " + n + " images of " + h + " x " + w);
        }
    }
}
