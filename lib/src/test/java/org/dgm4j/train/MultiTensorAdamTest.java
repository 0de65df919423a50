package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/**
 * The multi-tensor {@link Adam} against the per-tensor engine update it replaced and a naive Adam in
 * doubles, on a two-layer network whose weights have four different shapes, over steps with bias
 * correction and a warm-up-then-cosine learning rate.
 */
class MultiTensorAdamTest {

    private static final Shape[] SHAPES = {new Shape(6, 5), new Shape(5), new Shape(5, 3), new Shape(3)};
    private static final int STEPS = 8;

    @Test
    void followsThePerTensorUpdateAndANaiveAdam() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        LearningRateSchedule schedule = LearningRateSchedule.cosine(3);
        try (NDManager manager = Engines.newManager()) {
            NDArray x = manager.randomNormal(0, 1, new Shape(4, 6), DataType.FLOAT32);
            List<NDArray> fused = weights(manager);
            List<NDArray> perTensor = copies(fused);
            double[][] naive = new double[SHAPES.length][];
            double[][] m = new double[SHAPES.length][];
            double[][] v = new double[SHAPES.length][];
            for (int i = 0; i < SHAPES.length; i++) {
                naive[i] = toDoubles(fused.get(i));
                m[i] = new double[naive[i].length];
                v[i] = new double[naive[i].length];
            }
            try (Adam adam = new Adam(fused, b1, b2, eps);
                    PerTensorAdam reference = new PerTensorAdam(perTensor, b1, b2, eps)) {
                assertTrue(adam.updatesInPlace(), "float32 CPU weights take the single-pass path");
                for (int t = 1; t <= STEPS; t++) {
                    double lr = 0.05 * schedule.factor(t - 1, STEPS);
                    List<NDArray> g = gradients(x, fused);
                    List<NDArray> gRef = gradients(x, perTensor);
                    double corrected = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                    for (int i = 0; i < SHAPES.length; i++) {
                        float[] gi = g.get(i).toFloatArray();
                        for (int k = 0; k < gi.length; k++) {
                            m[i][k] = b1 * m[i][k] + (1 - b1) * gi[k];
                            v[i][k] = b2 * v[i][k] + (1 - b2) * gi[k] * gi[k];
                            naive[i][k] -= corrected * m[i][k] / (Math.sqrt(v[i][k]) + eps);
                        }
                    }
                    adam.step(g, lr);
                    reference.step(gRef, lr);
                    for (int i = 0; i < SHAPES.length; i++) {
                        assertClose(naive[i], fused.get(i).toFloatArray(), 2e-5, "naive, step " + t + ", weight " + i);
                        assertClose(toDoubles(perTensor.get(i)), fused.get(i).toFloatArray(), 2e-5,
                                "per-tensor, step " + t + ", weight " + i);
                        assertEquals(0.0, fused.get(i).getGradient().abs().sum().getFloat(), 0.0,
                                "the update zeroes the gradient of weight " + i);
                    }
                }
                assertEquals(STEPS, adam.steps());
            }
            // The run moved the weights: the comparison above is not between unchanged arrays.
            assertTrue(fused.get(0).sub(weights(manager).get(0)).abs().max().getFloat() > 0.05);
        }
    }

    /**
     * A weight whose gradient stops (MNIST's blank border pixels feed such weights) has m = 0.1 · 0.9^t after one
     * unit gradient: subnormal from t ≈ 810, where x86 arithmetic slows many times (the dense VAE's epochs took
     * 2.5× longer from the fourth on). The moment must reach exactly 0 instead.
     */
    @Test
    void aDecayingMomentBecomesZeroNotSubnormal() {
        try (NDManager manager = Engines.newManager()) {
            NDArray w = manager.zeros(new Shape(2));
            w.setRequiresGradient(true);
            try (Adam adam = new Adam(List.of(w))) {
                adam.step(List.of(manager.create(new float[] {1f, 1f})), 1e-3);
                NDArray none = manager.zeros(new Shape(2));
                for (int t = 0; t < 900; t++) {
                    adam.step(List.of(none), 1e-3);
                    float m = adam.firstMoment(0);
                    assertTrue(m == 0f || Math.abs(m) >= Float.MIN_NORMAL, "step " + t + ": subnormal first moment " + m);
                }
                assertEquals(0f, adam.firstMoment(0), 0f, "after 900 steps 0.1 · 0.9^900 ≈ 7e-43 is flushed to 0");
            }
        }
    }

    @Test
    void rejectsMismatchedGradients() {
        try (NDManager manager = Engines.newManager(); Adam adam = new Adam(weights(manager))) {
            List<NDArray> wrong = new ArrayList<>();
            for (Shape s : SHAPES) {
                wrong.add(manager.zeros(s));
            }
            wrong.set(1, manager.zeros(new Shape(4)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.step(wrong, 0.1));
            assertTrue(e.getMessage().contains("gradient 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> adam.step(wrong.subList(0, 2), 0.1));
        }
    }

    /** The same seeded weights every call, each requiring gradients. */
    private static List<NDArray> weights(NDManager manager) {
        Engine.getInstance().setRandomSeed(7);
        List<NDArray> ws = new ArrayList<>();
        for (Shape s : SHAPES) {
            NDArray w = manager.randomNormal(0, 0.5f, s, DataType.FLOAT32);
            w.setRequiresGradient(true);
            ws.add(w);
        }
        return ws;
    }

    private static List<NDArray> copies(List<NDArray> ws) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray w : ws) {
            NDArray c = w.getManager().create(w.toFloatArray(), w.getShape());
            c.setRequiresGradient(true);
            out.add(c);
        }
        return out;
    }

    /** Gradients of sum((tanh(x W1 + b1) W2 + b2)^2) by backpropagation, in the weights' grad buffers. */
    private static List<NDArray> gradients(NDArray x, List<NDArray> w) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray h = x.matMul(w.get(0)).add(w.get(1)).tanh();
            NDArray y = h.matMul(w.get(2)).add(w.get(3));
            gc.backward(y.mul(y).sum());
        }
        List<NDArray> g = new ArrayList<>();
        for (NDArray wi : w) {
            g.add(wi.getGradient());
        }
        return g;
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + ", element " + i);
        }
    }
}
