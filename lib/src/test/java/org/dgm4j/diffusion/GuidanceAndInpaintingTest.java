package org.dgm4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/**
 * Classifier-free guidance and inpainting against exact ε-models of known Gaussian mixtures, and on a
 * small random conditional U-Net.
 */
class GuidanceAndInpaintingTest {

    /** Two overlapping 1-D classes N(-1, 1) and N(+1, 1): the conditional model alone puts 84 % on its side. */
    private static final double[][] OVERLAPPING = {{-1}, {1}};

    private static int[] alternating(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return labels;
    }

    @Test
    void guidanceWithWeightZeroIsTheConditionalSampler() {
        try (NDManager m = Engines.newManager()) {
            NoiseSchedule schedule = NoiseSchedule.cosine(200);
            GaussianMixtureEps exact = new GaussianMixtureEps(schedule, OVERLAPPING, 1);
            int[] labels = alternating(20);
            ReverseSampler sampler = new DdpmSampler(schedule).sampleShape(1).toImages(false).clipDenoised(false).batchSize(7);
            float[] guided = sampler.sample(ClassifierFreeGuidance.of(exact, labels, 0), m, 20, 5).images().toFloatArray();
            float[] conditional = sampler.sample(ClassifierFreeGuidance.conditional(exact, labels), m, 20, 5).images().toFloatArray();
            assertArrayEquals(conditional, guided, 0f);
            int[] passes = new int[1];
            ConditionalNoisePredictor counted = new ConditionalNoisePredictor() {
                @Override
                public NDArray predictNoise(NDArray xt, int t, NDArray y) {
                    passes[0]++;
                    return exact.predictNoise(xt, t, y);
                }

                @Override
                public int classes() {
                    return exact.classes();
                }
            };
            for (double w : new double[] {0, 1}) {
                passes[0] = 0;
                new DdimSampler(schedule, 10, 0).sampleShape(1).toImages(false).sample(ClassifierFreeGuidance.of(counted, labels, w), m,
                        20, 5);
                assertEquals(w == 0 ? 10 : 20, passes[0], "network passes of 10 steps at w = " + w);
            }
            float[] unconditional = sampler.sample(exact, m, 20, 5).images().toFloatArray();
            double gap = 0;
            for (int i = 0; i < 20; i++) {
                gap += Math.abs(unconditional[i] - conditional[i]);
            }
            assertTrue(gap > 1, "the labels reach the model across chunks of 7: Σ|Δ| = " + gap);
        }
    }

    @Test
    void guidanceMovesSamplesTowardsTheRequestedComponent() {
        try (NDManager m = Engines.newManager()) {
            NoiseSchedule schedule = NoiseSchedule.cosine(200);
            GaussianMixtureEps exact = new GaussianMixtureEps(schedule, OVERLAPPING, 1);
            int n = 2000;
            int[] labels = alternating(n);
            double previousShare = 0;
            double previousPosition = 0;
            for (double w : new double[] {0, 0.5, 2}) {
                float[] x = new DdpmSampler(schedule).sampleShape(1).toImages(false).clipDenoised(false).batchSize(n)
                        .sample(exact.guided(labels, w), m, n, 9).images().toFloatArray();
                int onTheRequestedSide = 0;
                double position = 0;   // mean position along the requested class's direction
                for (int i = 0; i < n; i++) {
                    if ((labels[i] == 1) == (x[i] > 0)) {
                        onTheRequestedSide++;
                    }
                    position += (labels[i] == 1 ? x[i] : -x[i]) / n;
                }
                double share = onTheRequestedSide / (double) n;
                System.out.printf("w = %.1f: %.3f of the samples on the requested side, mean position %.3f%n", w, share, position);
                if (w == 0) {
                    assertEquals(0.841, share, 0.03, "w = 0 samples the class: Φ(1) = 0.841 on its side");
                    assertEquals(1, position, 0.07, "w = 0: the class mean");
                } else {
                    assertTrue(share > previousShare + 0.02 && position > previousPosition + 0.1, "w = " + w
                            + " must move samples towards their class: share " + share + " vs " + previousShare + ", position "
                            + position + " vs " + previousPosition);
                }
                previousShare = share;
                previousPosition = position;
            }
        }
    }

    @Test
    void badGuidanceInputIsRejectedWithAMessage() {
        NoiseSchedule schedule = NoiseSchedule.cosine(10);
        GaussianMixtureEps exact = new GaussianMixtureEps(schedule, OVERLAPPING, 1);
        String label = assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.of(exact, new int[] {0, 2}, 1))
                .getMessage();
        assertTrue(label.contains("label 2 at position 1 is outside 0–1"), label);
        String weight = assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.of(exact, new int[] {0}, -0.5))
                .getMessage();
        assertTrue(weight.contains("w must be a finite number >= 0"), weight);
        try (NDManager m = Engines.newManager()) {
            String count = assertThrows(IllegalArgumentException.class, () -> new DdpmSampler(schedule).sampleShape(1)
                    .sample(ClassifierFreeGuidance.of(exact, new int[] {0, 1}, 1), m, 3, 1)).getMessage();
            assertTrue(count.contains("labels were given for 2"), count);
        }
    }

    @Test
    void inpaintingKeepsTheKnownValuesAndCompletesTheRest() {
        // two components, (-1, -1) and (+1, +1): knowing x[0] decides x[1]
        double[][] means = {{-1, -1}, {1, 1}};
        try (NDManager m = Engines.newManager()) {
            NoiseSchedule schedule = NoiseSchedule.cosine(200);
            GaussianMixtureEps exact = new GaussianMixtureEps(schedule, means, 0.1);
            int n = 200;
            float[] known = new float[2 * n];
            for (int i = 0; i < n; i++) {
                known[2 * i] = i % 2 == 0 ? -1.05f : 0.97f;
                known[2 * i + 1] = 123;   // unknown: any value
            }
            NDArray values = m.create(known, new Shape(n, 2));
            NDArray mask = m.create(new float[] {1, 0}, new Shape(1, 2));
            for (int rounds : new int[] {1, 3}) {
                ReverseSampler ddpm = new DdpmSampler(schedule).toImages(false).clipDenoised(false);
                float[] x = new InpaintingSampler(ddpm, rounds).sample(exact, values, mask, m, 4).images().toFloatArray();
                int consistent = 0;
                for (int i = 0; i < n; i++) {
                    assertEquals(known[2 * i], x[2 * i], 0f, "known value " + i + " is kept exactly");
                    if (Math.signum(x[2 * i + 1]) == Math.signum(known[2 * i])) {
                        consistent++;
                    }
                }
                System.out.printf("rounds %d: %d of %d completions in the known value's component%n", rounds, consistent, n);
                assertTrue(consistent >= 0.95 * n, "completions follow the known half: " + consistent + " of " + n);
            }
        }
    }

    @Test
    void inpaintingImagesWithAConditionalUNetKeepsTheKnownPixelsExactly() {
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(3);
            DiffusionModel model = new DiffusionModel(new UNetConfig(8, new int[] {1, 2}, 1, false, 4, 0).withClasses(10),
                    NoiseSchedule.cosine(20)).initialize(m, 8, 8);
            NDArray images = m.randomUniform(0, 1, new Shape(3, 1, 8, 8));
            float[] left = new float[64];
            for (int i = 0; i < 64; i++) {
                left[i] = i % 8 < 4 ? 1 : 0;
            }
            NDArray mask = m.create(left, new Shape(1, 1, 8, 8));
            InpaintingSampler inpainting = new InpaintingSampler(new DdimSampler(model.schedule(), 10, 1), 2);
            float[] out = inpainting.sample(model.guided(new int[] {3, 1, 4}, 2), images, mask, m, 1).images().toFloatArray();
            float[] in = images.toFloatArray();
            int changed = 0;
            for (int i = 0; i < in.length; i++) {
                if (left[i % 64] == 1) {
                    assertEquals(in[i], out[i], 0f, "known pixel " + i);
                } else if (Math.abs(in[i] - out[i]) > 1e-3) {
                    changed++;
                }
            }
            assertTrue(changed > 64, "the hidden half is generated, not copied: " + changed + " of 96 changed");
            assertThrows(IllegalArgumentException.class, () -> inpainting.sample(model, images, m.ones(new Shape(1, 1, 4, 8)), m, 1));
            assertThrows(IllegalArgumentException.class, () -> model.guided(new int[] {10}, 1));
        }
    }

    @Test
    void aNetworkCallLeavesOnlyItsPredictionInTheCallersManager() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = new DiffusionModel(new UNetConfig(8, new int[] {1, 2}, 1, false, 4, 0).withClasses(10),
                    NoiseSchedule.cosine(20)).initialize(m, 8, 8);
            try (NDManager step = m.newSubManager()) {
                NDArray xt = step.randomNormal(new Shape(3, 1, 8, 8));
                NDArray labels = step.create(new int[] {3, 1, 4});
                NDArray unconditional = model.predictNoise(xt, 7);
                assertEquals(3, step.getManagedArrays().size(), "x_t, the labels and one ε̂: a forward's activations must not"
                        + " stay in the step's manager");
                NDArray conditional = model.predictNoise(xt, 7, labels);
                assertEquals(4, step.getManagedArrays().size(), "and one more ε̂");
                NDArray guided = model.guided(new int[] {3, 1, 4}, 2).predictNoise(xt, 7);
                int live = step.getManagedArrays().size() - 4;
                assertTrue(live <= 10, "guidance keeps its labels, two ε̂ and their combination, not two forward passes: " + live);
                assertEquals(step, xt.getManager(), "x_t is handed back to its manager");
                assertEquals(step, labels.getManager(), "the labels are handed back to their manager");
                assertEquals(step, unconditional.getManager());
                assertEquals(step, conditional.getManager());
                assertArrayEquals(new long[] {3, 1, 8, 8}, guided.getShape().getShape());
                assertEquals(0, unconditional.sub(model.predictNoise(xt, 7)).abs().max().getFloat(), 0f, "the same ε̂ again");
            }
        }
    }
}
