package org.dgm4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

class ReconstructionTest {

    private static double naiveBce(double l, double x) {
        double p = 1 / (1 + Math.exp(-l));
        return -(x * Math.log(p) + (1 - x) * Math.log(1 - p));
    }

    @Test
    void bceWithLogitsMatchesNaiveFormulaForModerateLogits() {
        float[] logits = {-6f, -2.5f, -0.3f, 0f, 0.7f, 3f, 5.5f, -1f};
        float[] targets = {0f, 1f, 0.2f, 0.5f, 1f, 0f, 0.9f, 0.35f};
        try (NDManager m = Engines.newManager()) {
            float[] got = Reconstruction.bceWithLogits(m.create(logits), m.create(targets)).toFloatArray();
            for (int i = 0; i < logits.length; i++) {
                assertEquals(naiveBce(logits[i], targets[i]), got[i], 1e-5, "element " + i);
            }
        }
    }

    @Test
    void bceWithLogitsStaysExactForExtremeLogits() {
        try (NDManager m = Engines.newManager()) {
            float[] got = Reconstruction.bceWithLogits(
                    m.create(new float[] {200f, -200f, 200f, -200f, 40f}),
                    m.create(new float[] {1f, 0f, 0f, 1f, 0.25f})).toFloatArray();
            // Correct answers: ~0, ~0, |l|, |l|, and 0.75 * 40 + log(1 + e^-40).
            assertArrayEquals(new float[] {0f, 0f, 200f, 200f, 30f}, got, 1e-4f);
            // The naive formula breaks down here: sigmoid(200) rounds to 1 and log(1 - p) = -inf.
            assertTrue(Double.isInfinite(naiveBce(200, 0)));
        }
    }

    @Test
    void bernoulliSumsOverPixelsAndAveragesOverBatch() {
        try (NDManager m = Engines.newManager()) {
            NDArray logits = m.randomNormal(new Shape(3, 1, 4, 4));
            NDArray x = m.randomUniform(0f, 1f, new Shape(3, 1, 4, 4));
            float[] l = logits.toFloatArray();
            float[] t = x.toFloatArray();
            double total = 0;
            for (int i = 0; i < l.length; i++) {
                total += naiveBce(l[i], t[i]);
            }
            assertEquals(total / 3, Reconstruction.bernoulli().loss(logits, x).getFloat(), 1e-3);
            assertEquals(3, Reconstruction.bernoulli().perExample(logits, x).getShape().get(0));
        }
    }

    @Test
    void mseAndGaussianUseSigmoidMean() {
        try (NDManager m = Engines.newManager()) {
            NDArray logits = m.create(new float[] {0f, 2f}, new Shape(1, 2));
            NDArray x = m.create(new float[] {1f, 0f}, new Shape(1, 2));
            double s = 1 / (1 + Math.exp(-2));
            double sq = 0.25 + s * s;
            assertEquals(sq, Reconstruction.mse().loss(logits, x).getFloat(), 1e-6);
            double sigma = 0.3;
            double nll = sq / (2 * sigma * sigma) + 2 * Math.log(sigma * Math.sqrt(2 * Math.PI));
            assertEquals(nll, Reconstruction.gaussian(sigma).loss(logits, x).getFloat(), 1e-5);
        }
    }

    @Test
    void laplaceIsAbsoluteErrorOverScalePlusLogNormaliser() {
        try (NDManager m = Engines.newManager()) {
            NDArray logits = m.create(new float[] {0f, 2f}, new Shape(1, 2));
            NDArray x = m.create(new float[] {1f, 0f}, new Shape(1, 2));
            double s = 1 / (1 + Math.exp(-2));
            double b = 0.1;
            double nll = (0.5 + s) / b + 2 * Math.log(2 * b);
            assertEquals(nll, Reconstruction.laplace(b).loss(logits, x).getFloat(), 1e-4);
            assertEquals("laplace(b=0.1)", Reconstruction.laplace(b).toString());
            assertThrows(IllegalArgumentException.class, () -> Reconstruction.laplace(0));
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        try (NDManager m = Engines.newManager()) {
            assertThrows(IllegalArgumentException.class,
                    () -> Reconstruction.bceWithLogits(m.zeros(new Shape(2, 3)), m.zeros(new Shape(3, 2))));
        }
    }
}
