package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static double naiveNorm(float[]... arrays) {
        double s = 0;
        for (float[] a : arrays) {
            for (float v : a) {
                s += (double) v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static float[] random(Random r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    @Test
    void globalNormMatchesNaiveAndClippingBoundsItPreservingDirection() {
        Random r = new Random(3);
        float[] a = random(r, 300, 2.0);
        float[] b = random(r, 12, 5.0);
        float[] c = random(r, 1, 1.0);
        try (NDManager m = Engines.newManager()) {
            List<NDArray> grads = List.of(m.create(a, new Shape(20, 15)), m.create(b, new Shape(12)), m.create(c));
            double naive = naiveNorm(a, b, c);
            assertEquals(naive, GradientClipping.globalNorm(grads), 1e-4 * naive);
            double max = naive / 4;
            double before = GradientClipping.clipByGlobalNorm(grads, max);
            assertEquals(naive, before, 1e-4 * naive);
            float[] a2 = grads.get(0).toFloatArray();
            float[] b2 = grads.get(1).toFloatArray();
            float[] c2 = grads.get(2).toFloatArray();
            assertEquals(max, naiveNorm(a2, b2, c2), 1e-4 * max);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] / 4, a2[i], 1e-5 * Math.abs(a[i]) + 1e-6);
            }
            // Below the bound nothing changes.
            GradientClipping.clipByGlobalNorm(grads, 10 * naive);
            assertArrayEquals(b2, grads.get(1).toFloatArray(), 0f);
        }
    }
}
