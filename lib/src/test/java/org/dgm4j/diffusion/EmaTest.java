package org.dgm4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import org.dgm4j.Engines;
import org.dgm4j.train.ExponentialMovingAverage;
import org.junit.jupiter.api.Test;

/** The EMA update against its closed form, weight by weight, and its decay warm-up. */
class EmaTest {

    @Test
    void updateMovesEveryEmaWeightByOneMinusDecayOfTheGap() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = new DiffusionModel(UNetConfig.small(), NoiseSchedule.cosine(10)).initialize(m, 28, 28);
            PairList<String, Parameter> all = model.getParameters();
            int half = all.size() / 2;   // the trained network's weights, then the EMA copy's, in order
            float[][] before = new float[half][];
            float[][] trained = new float[half][];
            for (int i = 0; i < half; i++) {
                NDArray w = all.valueAt(i).getArray();
                w.addi(m.randomNormal(w.getShape()));   // move the trained weights away from the EMA copy
                trained[i] = w.toFloatArray();
                before[i] = all.valueAt(half + i).getArray().toFloatArray();
            }
            new ExponentialMovingAverage(model.net(), model.ema(), 0.995).update(0.9);
            for (int i = 0; i < half; i++) {
                float[] expected = new float[before[i].length];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = before[i][k] + 0.1f * (trained[i][k] - before[i][k]);
                }
                assertArrayEquals(expected, all.valueAt(half + i).getArray().toFloatArray(), 1e-5f, all.keyAt(half + i));
                assertArrayEquals(trained[i], all.valueAt(i).getArray().toFloatArray(), "the trained weights stay");
            }
        }
    }

    @Test
    void decayWarmsUpThenStaysAtItsCeiling() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = new DiffusionModel(UNetConfig.small(), NoiseSchedule.cosine(10)).initialize(m, 28, 28);
            ExponentialMovingAverage hook = new ExponentialMovingAverage(model.net(), model.ema(), 0.995);
            assertEquals(0.1, hook.decayAt(0), 1e-12);
            assertEquals(0.995, hook.decayAt(100_000), 1e-12);
        }
    }
}
