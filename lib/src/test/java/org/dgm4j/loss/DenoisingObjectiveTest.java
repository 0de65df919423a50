package org.dgm4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.diffusion.DiffusionModel;
import org.dgm4j.diffusion.NoiseSchedule;
import org.dgm4j.diffusion.UNetConfig;
import org.junit.jupiter.api.Test;

/** The ε-MSE and its Min-SNR-γ weighting against the same draws computed by hand. */
class DenoisingObjectiveTest {

    private static final int T = 100;

    private static DiffusionModel model(NDManager m) {
        Engine.getInstance().setRandomSeed(5);
        return new DiffusionModel(new UNetConfig(8, new int[] {1, 2}, 1, false, 4, 0), NoiseSchedule.cosine(T)).initialize(m, 8, 8);
    }

    @Test
    void minSnrWeightsAreOneBelowGammaAndGammaOverSnrAbove() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = model(m);
            DenoisingObjective weighted = new DenoisingObjective(model, 0, 5);
            NoiseSchedule s = model.schedule();
            int[] t = {0, T / 2, T - 1};
            float[] w = weighted.weights(t);
            for (int i = 0; i < t.length; i++) {
                double snr = s.alphaBar(t[i]) / (1 - s.alphaBar(t[i]));
                assertEquals(snr > 5 ? 5 / snr : 1, w[i], 1e-6, "t = " + t[i]);
            }
            assertTrue(w[0] < 0.01 && w[2] == 1f, "the nearly clean step is down-weighted, the noisiest is not");
            assertEquals(1f, new DenoisingObjective(model, 0).weights(t)[0]);
            assertThrows(IllegalArgumentException.class, () -> new DenoisingObjective(model, 0, -1));
        }
    }

    @Test
    void weightedLossIsTheWeightedMeanOfThePerImageErrors() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = model(m);
            NDArray x = m.randomUniform(0, 1, new Shape(16, 1, 8, 8));
            Batch batch = new Batch(m, x, m.zeros(new Shape(16)));
            DenoisingObjective weighted = new DenoisingObjective(model, 0, 5);
            Engine.getInstance().setRandomSeed(3);
            LossTerms library = weighted.compute(batch, false, 0);

            Engine.getInstance().setRandomSeed(3);                  // the same draws in the same order
            NDArray tArray = m.randomInteger(0, T, new Shape(16), DataType.INT32);
            NDArray noise = m.randomNormal(x.getShape());
            int[] t = tArray.toIntArray();
            NDArray xt = model.schedule().diffuse(DiffusionModel.toModelRange(x), t, noise);
            float[] error = model.net().predict(new ParameterStore(m, false), xt, tArray.toType(DataType.FLOAT32, false), false)
                    .sub(noise).square().reshape(16, -1).mean(new int[] {1}).toFloatArray();
            float[] w = weighted.weights(t);
            double byHand = 0;
            double plain = 0;
            for (int i = 0; i < 16; i++) {
                byHand += w[i] * error[i] / 16;
                plain += error[i] / 16.0;
            }
            assertEquals(byHand, library.total().getFloat(), 1e-5 * plain);
            assertEquals(plain, library.scalars().get("mse"), 1e-5 * plain);
            assertTrue(Math.abs(byHand - plain) > 1e-3 * plain, "the weighting changes the loss, so the check can fail");
        }
    }
}
