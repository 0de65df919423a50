package org.dgm4j.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** GroupNorm from reshape/mean/var against a naive loop over (sample, group), forward and through autograd. */
class GroupNormTest {

    private static final int B = 2, C = 6, H = 3, W = 4, G = 3;

    /** Plain-Java group normalisation with per-channel affine map. */
    private static float[] naive(float[] x, float[] gamma, float[] beta, double eps) {
        float[] out = new float[x.length];
        int per = C / G;
        for (int b = 0; b < B; b++) {
            for (int g = 0; g < G; g++) {
                double sum = 0;
                int n = 0;
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int i = 0; i < H * W; i++) {
                        sum += x[((b * C) + c) * H * W + i];
                        n++;
                    }
                }
                double mean = sum / n;
                double sq = 0;
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int i = 0; i < H * W; i++) {
                        double d = x[((b * C) + c) * H * W + i] - mean;
                        sq += d * d;
                    }
                }
                double sd = Math.sqrt(sq / n + eps);
                for (int c = g * per; c < (g + 1) * per; c++) {
                    for (int i = 0; i < H * W; i++) {
                        int k = ((b * C) + c) * H * W + i;
                        out[k] = (float) ((x[k] - mean) / sd * gamma[c] + beta[c]);
                    }
                }
            }
        }
        return out;
    }

    private static float[] random(Random r, int n, double scale, double shift) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale + shift);
        }
        return v;
    }

    @Test
    void matchesNaiveLoop() {
        Random r = new Random(1);
        float[] x = random(r, B * C * H * W, 3, 2);
        float[] gamma = random(r, C, 1, 1);
        float[] beta = random(r, C, 1, 0);
        try (NDManager m = Engines.newManager()) {
            NDArray out = GroupNorm.apply(m.create(x, new Shape(B, C, H, W)), G, m.create(gamma), m.create(beta), 1e-5);
            assertEquals(new Shape(B, C, H, W), out.getShape());
            assertArrayEquals(naive(x, gamma, beta, 1e-5), out.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void blockStartsAsPlainStandardisationAndGradientsMatchFiniteDifferences() {
        Random r = new Random(2);
        float[] x = random(r, B * C * H * W, 1, 0);
        float[] ones = new float[C];
        java.util.Arrays.fill(ones, 1f);
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(3);
            GroupNorm norm = new GroupNorm(G, C);
            norm.initialize(m, DataType.FLOAT32, new Shape(B, C, H, W));
            NDArray input = m.create(x, new Shape(B, C, H, W));
            NDArray out = norm.forward(new ParameterStore(m, false), new NDList(input), true).singletonOrThrow();
            assertArrayEquals(naive(x, ones, new float[C], 1e-5), out.toFloatArray(), 1e-4f);

            // d/dγ_c of sum(w ⊙ GN(x)) equals sum over channel c of w ⊙ x̂, checked against the naive forward.
            float[] w = random(r, x.length, 1, 0);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = norm.forward(new ParameterStore(m, false), new NDList(input), true).singletonOrThrow();
                gc.backward(y.mul(m.create(w, new Shape(B, C, H, W))).sum());
            }
            float[] gradGamma = norm.getParameters().get("gamma").getArray().getGradient().toFloatArray();
            float[] xhat = naive(x, ones, new float[C], 1e-5);
            for (int c = 0; c < C; c++) {
                double expected = 0;
                for (int b = 0; b < B; b++) {
                    for (int i = 0; i < H * W; i++) {
                        int k = ((b * C) + c) * H * W + i;
                        expected += w[k] * xhat[k];
                    }
                }
                assertEquals(expected, gradGamma[c], 1e-3, "dL/dγ_" + c);
            }
        }
    }

    /** The same normalisation written with mean and variance, whose autograd is the reference for dL/dx. */
    private static NDArray composite(NDArray x, int groups, NDArray gamma, NDArray beta, double eps) {
        Shape s = x.getShape();
        NDArray grouped = x.reshape(s.get(0), groups, -1);
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray normed = centred.div(Scalars.add(variance, eps).sqrt()).reshape(s);
        return normed.mul(gamma.reshape(1, s.get(1), 1, 1)).add(beta.reshape(1, s.get(1), 1, 1));
    }

    @Test
    void inputGradientMatchesTheCompositeFormula() {
        Random r = new Random(4);
        float[] x = random(r, B * C * H * W, 2, 0.5);
        float[] w = random(r, x.length, 1, 0);
        float[] gamma = random(r, C, 1, 1);
        float[] beta = random(r, C, 1, 0);
        float[][] grads = new float[2][];
        for (int k = 0; k < 2; k++) {
            try (NDManager m = Engines.newManager()) {
                NDArray input = m.create(x, new Shape(B, C, H, W));
                input.setRequiresGradient(true);
                NDArray g = m.create(gamma);
                NDArray bt = m.create(beta);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = k == 0 ? GroupNorm.apply(input, G, g, bt, 1e-5) : composite(input, G, g, bt, 1e-5);
                    gc.backward(y.square().mul(m.create(w, new Shape(B, C, H, W))).sum());
                }
                grads[k] = input.getGradient().toFloatArray();
            }
        }
        assertArrayEquals(grads[1], grads[0], 1e-3f);
    }

    @Test
    void rejectsWidthNotDivisibleByGroups() {
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
    }
}
