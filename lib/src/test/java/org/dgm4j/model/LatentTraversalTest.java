package org.dgm4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

class LatentTraversalTest {

    @Test
    void codesSetOneDimensionPerRowInBaseDimensionValueOrder() {
        float[][] bases = {{1, 2, 3}, {-1, -2, -3}};
        int[] dims = {2, 0};
        double[] values = {-3, 0.5};
        try (NDManager m = Engines.newManager()) {
            NDArray codes = LatentTraversal.codes(m, bases, dims, values);
            assertEquals(new Shape(8, 3), codes.getShape());
            float[][] rows = LatentTraversal.rows(codes);
            assertArrayEquals(new float[] {1, 2, -3}, rows[0]);
            assertArrayEquals(new float[] {1, 2, 0.5f}, rows[1]);
            assertArrayEquals(new float[] {-3, 2, 3}, rows[2]);
            assertArrayEquals(new float[] {0.5f, 2, 3}, rows[3]);
            assertArrayEquals(new float[] {-1, -2, -3}, rows[4]);
            assertArrayEquals(new float[] {0.5f, -2, -3}, rows[7]);
            assertArrayEquals(new float[] {1, 2, 3}, bases[0], "bases are not modified");
        }
    }

    @Test
    void imagesAreTheSigmoidOfTheDecodedCodes() {
        Vae vae = Vae.mlp(new Shape(1, 6, 6), 4, 8);
        float[][] base = {{0.1f, -0.2f, 0.3f, 0.4f}};
        int[] dims = {1, 3};
        double[] values = {-3, 0, 3};
        try (NDManager m = Engines.newManager()) {
            vae.initialize(m);
            NDArray images = LatentTraversal.images(vae, m, base, dims, values);
            assertEquals(new Shape(6, 1, 6, 6), images.getShape());
            NDArray expected = Activation.sigmoid(vae.decode(LatentTraversal.codes(m, base, dims, values)));
            assertArrayEquals(expected.toFloatArray(), images.toFloatArray(), 1e-6f);
            float[] px = images.toFloatArray();
            for (float v : px) {
                assertTrue(v > 0 && v < 1);
            }
            float[][] fourDims = {{0, 0, 0}};
            assertThrows(IllegalArgumentException.class, () -> LatentTraversal.images(vae, m, fourDims, dims, values));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        try (NDManager m = Engines.newManager()) {
            float[][] base = {{0, 0}};
            assertThrows(IllegalArgumentException.class, () -> LatentTraversal.codes(m, base, new int[] {2}, new double[] {1}));
            assertThrows(IllegalArgumentException.class, () -> LatentTraversal.codes(m, base, new int[] {0}, new double[0]));
            float[][] ragged = {{0, 0}, {0}};
            assertThrows(IllegalArgumentException.class, () -> LatentTraversal.codes(m, ragged, new int[] {0}, new double[] {1}));
        }
    }
}
