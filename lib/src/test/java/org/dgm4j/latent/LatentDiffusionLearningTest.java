package org.dgm4j.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dgm4j.Engines;
import org.dgm4j.diffusion.DdimSampler;
import org.dgm4j.diffusion.DdpmSampler;
import org.dgm4j.diffusion.NoiseSchedule;
import org.dgm4j.diffusion.ReverseSampler;
import org.dgm4j.train.Fit;
import org.dgm4j.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/**
 * A latent DDPM trained on codes of a known distribution learns it: two clusters x = ±1.5 + 0.25·n₁ (equal
 * weight) with y = 0.5·n₂ independent. Samples of the trained denoiser (DDPM and DDIM, unclipped vectors of
 * shape (2)) must put half their mass on each side, at the right distance and with the right spreads; the
 * untrained denoiser's samples must not.
 */
class LatentDiffusionLearningTest {

    private static final double CENTRE = 1.5;
    private static final double CLUSTER_STD = 0.25;
    private static final double Y_STD = 0.5;

    @Test
    void latentDdpmLearnsATwoClusterDistribution() {
        int n = 4096;
        float[] codes = new float[2 * n];
        Random r = new Random(11);
        for (int i = 0; i < n; i++) {
            codes[2 * i] = (float) ((r.nextBoolean() ? CENTRE : -CENTRE) + CLUSTER_STD * r.nextGaussian());
            codes[2 * i + 1] = (float) (Y_STD * r.nextGaussian());
        }
        NoiseSchedule schedule = NoiseSchedule.linear(100);
        try (NDManager m = Engines.newManager()) {
            NDManager own = m.newSubManager();
            LatentDataset data = new LatentDataset(own, own.create(codes).reshape(n, 2), own.zeros(new Shape(n),
                    DataType.INT32), "two clusters, n=" + n);
            LatentDenoiser denoiser = new LatentDenoiser(2, 64, 2, 16).initialize(m);
            Stats untrained = Stats.of(sample(new DdpmSampler(schedule), denoiser, m));
            Fit.of(denoiser, new LatentDenoisingObjective(denoiser, schedule)).train(data).inputShapes(denoiser.inputShapes())
                    .epochs(40).batchSize(256).learningRate(3e-3).schedule(LearningRateSchedule.cosine(0)).seed(2).run();
            for (ReverseSampler sampler : new ReverseSampler[] {new DdpmSampler(schedule), new DdimSampler(schedule, 20, 0)}) {
                Stats s = Stats.of(sample(sampler, denoiser, m));
                String what = sampler.describe() + ": " + s;
                assertEquals(0.5, s.rightShare, 0.08, what);
                assertEquals(CENTRE, s.meanAbsX, 0.15, what);
                assertEquals(CLUSTER_STD, s.clusterStd, 0.1, what);
                assertEquals(Y_STD, s.yStd, 0.12, what);
            }
            assertTrue(Math.abs(untrained.meanAbsX - CENTRE) > 0.3 || Math.abs(untrained.clusterStd - CLUSTER_STD) > 0.2,
                    "the untrained denoiser must not pass: " + untrained);
            data.close();
        }
    }

    private static float[] sample(ReverseSampler sampler, LatentDenoiser denoiser, NDManager m) {
        NDArray z = sampler.clipDenoised(false).toImages(false).sampleShape(2).sample(denoiser, m, 1000, 5).images();
        assertEquals(new Shape(1000, 2), z.getShape());
        return z.toFloatArray();
    }

    /** Share with x > 0, mean |x|, the spread of |x| around its mean, the spread of y. */
    private record Stats(double rightShare, double meanAbsX, double clusterStd, double yStd) {
        static Stats of(float[] z) {
            int n = z.length / 2;
            double right = 0;
            double abs = 0;
            double y2 = 0;
            for (int i = 0; i < n; i++) {
                right += z[2 * i] > 0 ? 1 : 0;
                abs += Math.abs(z[2 * i]);
                y2 += z[2 * i + 1] * z[2 * i + 1];
            }
            double meanAbs = abs / n;
            double spread = 0;
            for (int i = 0; i < n; i++) {
                spread += Math.pow(Math.abs(z[2 * i]) - meanAbs, 2);
            }
            return new Stats(right / n, meanAbs, Math.sqrt(spread / n), Math.sqrt(y2 / n));
        }
    }
}
