package org.dgm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** Resizing and rotation against naive references, PyTorch's own interpolation and closed forms. */
class BilinearTest {

    /** Naive bilinear resize: every output pixel computed from the formula, one at a time. */
    private static int naiveResize(byte[] px, int k, int h, int w, int outH, int outW, int i, int j) {
        double sy = Math.max(0, (i + 0.5) * h / outH - 0.5);
        double sx = Math.max(0, (j + 0.5) * w / outW - 0.5);
        double value = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int y = Math.min((int) Math.floor(sy) + dy, h - 1);
                int x = Math.min((int) Math.floor(sx) + dx, w - 1);
                double weight = (1 - Math.abs(sy - (Math.floor(sy) + dy))) * (1 - Math.abs(sx - (Math.floor(sx) + dx)));
                value += weight * (px[k * h * w + y * w + x] & 0xff);
            }
        }
        return (int) Math.round(value);
    }

    /** Naive rotation: each output pixel pulls from the inverse-rotated point, 0 outside the image. */
    private static int naiveRotate(byte[] px, int h, int w, double degrees, int y, int x) {
        double a = Math.toRadians(degrees);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double sx = cx + Math.cos(a) * (x - cx) - Math.sin(a) * (y - cy);
        double sy = cy + Math.sin(a) * (x - cx) + Math.cos(a) * (y - cy);
        double value = 0;
        for (int yy = (int) Math.floor(sy); yy <= Math.floor(sy) + 1; yy++) {
            for (int xx = (int) Math.floor(sx); xx <= Math.floor(sx) + 1; xx++) {
                if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                    value += (1 - Math.abs(sy - yy)) * (1 - Math.abs(sx - xx)) * (px[yy * w + xx] & 0xff);
                }
            }
        }
        return (int) Math.round(value);
    }

    private static byte[] random(int bytes, long seed) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void resizeMatchesNaiveReference() {
        int[][] cases = {{7, 9, 13, 4}, {28, 28, 64, 64}, {5, 5, 5, 5}, {6, 10, 3, 20}};
        for (int[] c : cases) {
            int n = 3;
            byte[] px = random(n * c[0] * c[1], c[2]);
            byte[] out = Bilinear.resize(px, n, c[0], c[1], c[2], c[3]);
            int worst = 0;
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < c[2]; i++) {
                    for (int j = 0; j < c[3]; j++) {
                        int got = out[(k * c[2] + i) * c[3] + j] & 0xff;
                        worst = Math.max(worst, Math.abs(got - naiveResize(px, k, c[0], c[1], c[2], c[3], i, j)));
                    }
                }
            }
            assertTrue(worst <= 1, "resize " + java.util.Arrays.toString(c) + " differs by " + worst);
        }
        byte[] same = random(2 * 5 * 6, 1);
        assertArrayEquals(same, Bilinear.resize(same, 2, 5, 6, 5, 6), "same size is the identity");
    }

    @Test
    void resizeMatchesPyTorchInterpolate() {
        byte[] px = random(28 * 28, 3);
        byte[] ours = Bilinear.resize(px, 1, 28, 28, 64, 64);
        try (NDManager m = Engines.newManager()) {
            NDArray image = m.create(java.nio.ByteBuffer.wrap(px), new Shape(28, 28, 1), DataType.UINT8)
                    .toType(DataType.FLOAT32, false);
            float[] torch = NDImageUtils.resize(image, 64, 64, Image.Interpolation.BILINEAR).toFloatArray();
            assertEquals(64 * 64, torch.length);
            for (int i = 0; i < torch.length; i++) {
                assertEquals(torch[i], ours[i] & 0xff, 0.5 + 1e-3, "pixel " + i);
            }
        }
    }

    @Test
    void rotationByMultiplesOf90IsAnExactPermutation() {
        int s = 6;
        byte[] px = random(s * s, 5);
        byte[] r0 = Bilinear.rotate(px, 1, s, s, new float[] {0});
        byte[] r90 = Bilinear.rotate(px, 1, s, s, new float[] {90});
        byte[] r180 = Bilinear.rotate(px, 1, s, s, new float[] {180});
        byte[] rm90 = Bilinear.rotate(px, 1, s, s, new float[] {-90});
        byte[] r360 = Bilinear.rotate(px, 1, s, s, new float[] {360});
        assertArrayEquals(px, r0);
        assertArrayEquals(px, r360);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                // counter-clockwise by 90: the right column becomes the top row
                assertEquals(px[x * s + (s - 1 - y)], r90[y * s + x]);
                assertEquals(px[(s - 1 - y) * s + (s - 1 - x)], r180[y * s + x]);
                assertEquals(px[(s - 1 - x) * s + y], rm90[y * s + x]);
            }
        }
    }

    @Test
    void aRotatedPixelLandsWhereTheClosedFormSays() {
        int s = 28;
        double c = (s - 1) / 2.0;
        int row = 6;
        int col = 20;
        byte[] px = new byte[s * s];
        px[row * s + col] = (byte) 255;
        for (double degrees : new double[] {30, -50, 90, 135}) {
            byte[] out = Bilinear.rotate(px, 1, s, s, new float[] {(float) degrees});
            double a = Math.toRadians(degrees);
            // counter-clockwise on screen (rows go down): x' = c + cos a dx + sin a dy, y' = c - sin a dx + cos a dy
            double ex = c + Math.cos(a) * (col - c) + Math.sin(a) * (row - c);
            double ey = c - Math.sin(a) * (col - c) + Math.cos(a) * (row - c);
            double mass = 0;
            double mx = 0;
            double my = 0;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int v = out[y * s + x] & 0xff;
                    mass += v;
                    mx += v * x;
                    my += v * y;
                }
            }
            assertTrue(mass > 0, "the pixel survives " + degrees + "°");
            assertEquals(ex, mx / mass, 0.25, "x of the centroid after " + degrees + "°");
            assertEquals(ey, my / mass, 0.25, "y of the centroid after " + degrees + "°");
        }
    }

    @Test
    void rotationMatchesNaiveReferenceOnRealDigits() {
        try (NDManager m = Engines.newManager(); ImageDataset test = Mnist.test(m); ImageDataset few = test.head(8)) {
            byte[] px = few.images().toByteArray();
            float[] angles = {37f, -12.5f, 90f, 171f, -89.9f, 0.3f, 45f, -45f};
            byte[] out = Bilinear.rotate(px, 8, 28, 28, angles);
            int worst = 0;
            for (int k = 0; k < 8; k++) {
                byte[] one = java.util.Arrays.copyOfRange(px, k * 784, (k + 1) * 784);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int got = out[k * 784 + y * 28 + x] & 0xff;
                        worst = Math.max(worst, Math.abs(got - naiveRotate(one, 28, 28, angles[k], y, x)));
                    }
                }
            }
            assertTrue(worst <= 1, "rotation differs from the reference by " + worst);
        }
    }

    @Test
    void aBatchOfFloatImagesIsResizedAsItsPixelsWouldBe() {
        Random random = new Random(5);
        int n = 3, h = 32, w = 32;
        byte[] px = new byte[n * h * w];
        random.nextBytes(px);
        float[] values = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            values[i] = (px[i] & 0xff) / 255f;
        }
        try (NDManager manager = Engines.newManager()) {
            NDArray images = manager.create(values, new Shape(n, 1, h, w));
            NDArray small = Bilinear.resize(images, 28, 28);
            assertEquals(new Shape(n, 1, 28, 28), small.getShape());
            byte[] expected = Bilinear.resize(px, n, h, w, 28, 28);
            float[] got = small.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals((expected[i] & 0xff) / 255f, got[i], 1e-6f, "pixel " + i);
            }
            assertTrue(Bilinear.resize(images, 32, 32) == images, "a batch of the target size is returned as it is");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Bilinear.resize(manager.zeros(new Shape(2, 3, 8, 8)), 4, 4));
            assertTrue(e.getMessage().contains("(N, 1, H, W)"), e.getMessage());
        }
    }
}
