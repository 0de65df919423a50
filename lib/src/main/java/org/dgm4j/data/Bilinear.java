package org.dgm4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
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
            // separable: interpolate along rows first (h x outW), then along columns (outH x outW)
            double[] rows = new double[h * outW];
            int in = k * h * w;
            for (int r = 0; r < h; r++) {
                int row = in + r * w;
                for (int j = 0; j < outW; j++) {
                    double a = wx[j];
                    rows[r * outW + j] = (1 - a) * (pixels[row + x0[j]] & 0xff) + a * (pixels[row + x1[j]] & 0xff);
                }
            }
            int o = k * outH * outW;
            for (int i = 0; i < outH; i++) {
                int r0 = y0[i] * outW;
                int r1 = y1[i] * outW;
                double b = wy[i];
                for (int j = 0; j < outW; j++) {
                    out[o + i * outW + j] = toByte((1 - b) * rows[r0 + j] + b * rows[r1 + j]);
                }
            }
        });
        return out;
    }

    /**
     * Resizes a batch of grey images (N, 1, H, W) with values in [0, 1], for example generated images of
     * another size before the 28×28 course classifier sees them: the values are stored as 8-bit pixels,
     * as the data sets store theirs, and resized by {@link #resize(byte[], int, int, int, int, int)}. The
     * result, (N, 1, outH, outW) in [0, 1], is owned by the images' manager; a batch already of that size
     * is returned as it is.
     */
    public static NDArray resize(NDArray images, int outH, int outW) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 1) {
            throw new IllegalArgumentException("expected grey images (N, 1, H, W), got shape " + shape);
        }
        int n = Math.toIntExact(shape.get(0));
        int h = Math.toIntExact(shape.get(2));
        int w = Math.toIntExact(shape.get(3));
        if (h == outH && w == outW) {
            return images;
        }
        float[] values = images.toFloatArray();
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = toByte(255 * Math.min(1, Math.max(0, values[i])));
        }
        byte[] resized = resize(pixels, n, h, w, outH, outW);
        float[] out = new float[resized.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (resized[i] & 0xff) / 255f;
        }
        return images.getManager().create(out, new Shape(n, 1, outH, outW));
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
                double rowX = cx - cos * cx - sin * dy;
                double rowY = cy - sin * cx + cos * dy;
                for (int x = 0; x < w; x++) {
                    double sx = rowX + cos * x;
                    double sy = rowY + sin * x;
                    out[base + y * w + x] = sx <= -1 || sy <= -1 || sx >= w || sy >= h ? 0
                            : toByte(sample(pixels, base, h, w, sx, sy));
                }
            }
        });
        return out;
    }

    /** Bilinear sample at {@code (sx, sy)}, both greater than -1; taps outside the image read 0. */
    private static double sample(byte[] pixels, int base, int h, int w, double sx, double sy) {
        int x0 = (int) (sx + 1) - 1; // floor, as sx > -1
        int y0 = (int) (sy + 1) - 1;
        double a = sx - x0;
        double b = sy - y0;
        int p00;
        int p01;
        int p10;
        int p11;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
            int i = base + y0 * w + x0;
            p00 = pixels[i] & 0xff;
            p01 = pixels[i + 1] & 0xff;
            p10 = pixels[i + w] & 0xff;
            p11 = pixels[i + w + 1] & 0xff;
        } else {
            p00 = at(pixels, base, h, w, x0, y0);
            p01 = at(pixels, base, h, w, x0 + 1, y0);
            p10 = at(pixels, base, h, w, x0, y0 + 1);
            p11 = at(pixels, base, h, w, x0 + 1, y0 + 1);
        }
        return (1 - b) * ((1 - a) * p00 + a * p01) + b * ((1 - a) * p10 + a * p11);
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

    /** Rounds a convex combination of bytes (so within [0, 255]) half up, like {@code Math.round}. */
    private static byte toByte(double v) {
        return (byte) (int) (v + 0.5);
    }

    private static void checkStack(byte[] pixels, int n, int h, int w) {
        if (n <= 0 || h <= 0 || w <= 0 || (long) n * h * w != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes do not make " + n + " images of " + h + " x " + w);
        }
    }
}
