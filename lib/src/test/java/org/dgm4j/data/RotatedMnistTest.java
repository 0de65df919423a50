package org.dgm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.dgm4j.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rotated-MNIST variants and the 64x64 resize, on a few hundred real test digits. */
class RotatedMnistTest {

    private static NDManager root;
    private static ImageDataset base;

    @BeforeAll
    static void load() {
        root = Engines.newManager();
        try (ImageDataset test = Mnist.test(root)) {
            base = test.head(200);
        }
    }

    @AfterAll
    static void close() {
        root.close();
    }

    private static byte[] image(byte[] all, int k, int size) {
        return Arrays.copyOfRange(all, k * size, (k + 1) * size);
    }

    @Test
    void flattenedHoldsFiveExactBlocksOfRotations() {
        try (ImageDataset flat = RotatedMnist.flattened(base)) {
            int n = base.size();
            assertEquals(5 * n, flat.size());
            assertEquals(new Shape(5 * n, 28, 28), flat.images().getShape());
            float[] angle = flat.factor(RotatedMnist.ANGLE);
            int[] labels = flat.labelArray();
            byte[] original = base.images().toByteArray();
            byte[] rotated = flat.images().toByteArray();
            for (int c = 0; c < 5; c++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(45f * c, angle[c * n + i]);
                    assertEquals(base.label(i), labels[c * n + i]);
                }
            }
            for (int i = 0; i < n; i++) {
                byte[] up = image(original, i, 784);
                assertArrayEquals(up, image(rotated, i, 784), "0° is the original");
                byte[] quarter = image(rotated, 2 * n + i, 784);
                byte[] half = image(rotated, 4 * n + i, 784);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        assertEquals(up[x * 28 + 27 - y], quarter[y * 28 + x], "90° is an exact quarter turn");
                        assertEquals(up[(27 - y) * 28 + 27 - x], half[y * 28 + x], "180° is an exact half turn");
                    }
                }
            }
            assertEquals(List.of(RotatedMnist.ANGLE), flat.factorNames());
            assertEquals(Mnist.CLASS_NAMES, flat.classNames());
        }
    }

    @Test
    void randomAnglesMixesUprightAndUniformlyRotatedCopies() {
        try (ImageDataset mixed = RotatedMnist.randomAngles(base, 4); ImageDataset again = RotatedMnist.randomAngles(base, 4);
                ImageDataset other = RotatedMnist.randomAngles(base, 5)) {
            int n = base.size();
            assertEquals(2 * n, mixed.size());
            float[] angle = mixed.factor(RotatedMnist.ANGLE);
            assertArrayEquals(angle, again.factor(RotatedMnist.ANGLE));
            assertFalse(Arrays.equals(angle, other.factor(RotatedMnist.ANGLE)));
            assertArrayEquals(base.images().toByteArray(), image(mixed.images().toByteArray(), 0, n * 784),
                    "first half upright and unchanged");
            double sum = 0;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                assertEquals(0f, angle[i]);
                float a = angle[n + i];
                assertTrue(a >= -90f && a <= 90f, "angle " + a);
                sum += a;
                min = Math.min(min, a);
                max = Math.max(max, a);
                assertEquals(base.label(i), mixed.label(n + i));
            }
            // uniform on [-90, 90]: mean 0 with standard error 52/sqrt(200) = 3.7, extremes near the ends
            assertEquals(0, sum / n, 12);
            assertTrue(min < -80 && max > 80, min + " .. " + max);
            byte[] expected = Bilinear.rotate(base.images().toByteArray(), n, 28, 28, Arrays.copyOfRange(angle, n, 2 * n));
            assertArrayEquals(expected, image(mixed.images().toByteArray(), 1, n * 784), "second half rotated");
        }
    }

    @Test
    void rotatingARotatedSetAddsTheAngles() {
        try (ImageDataset few = base.head(3); ImageDataset turned = RotatedMnist.rotated(few, new float[] {10, 20, 30});
                ImageDataset twice = RotatedMnist.rotated(turned, new float[] {1, 2, 3})) {
            assertArrayEquals(new float[] {11, 22, 33}, twice.factor(RotatedMnist.ANGLE));
        }
    }

    @Test
    void resizedTo64KeepsLabelsFactorsAndIntensity() {
        try (ImageDataset flat = RotatedMnist.flattened(base.head(20)); ImageDataset big = flat.resized(64)) {
            assertEquals(new Shape(100, 64, 64), big.images().getShape());
            assertEquals(64, big.height());
            assertArrayEquals(flat.labelArray(), big.labelArray());
            assertArrayEquals(flat.factor(RotatedMnist.ANGLE), big.factor(RotatedMnist.ANGLE));
            assertArrayEquals(Bilinear.resize(flat.images().toByteArray(), 100, 28, 28, 64, 64),
                    big.images().toByteArray());
            for (int k = 0; k < 100; k += 17) {
                double small = mean(flat.pixels(k));
                assertEquals(small, mean(big.pixels(k)), 0.02 * small + 1e-3, "mean intensity of image " + k);
            }
            for (Batch batch : big.batches(32, true, 0)) {
                try (batch) {
                    assertEquals(new Shape(batch.size(), 1, 64, 64), batch.x().getShape());
                }
            }
        }
    }

    private static double mean(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s / values.length;
    }
}
