package org.dgm4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dgm4j.Engines;
import org.dgm4j.ops.Upsampling;
import org.junit.jupiter.api.Test;

class AutoencoderAndCvaeTest {

    @Test
    void autoencodersReconstructImageShapesAndCodes() {
        for (Autoencoder ae : new Autoencoder[] {Autoencoder.mlp(16), Autoencoder.conv28(12),
                Autoencoder.conv28(6, 64, Upsampling.Mode.SUB_PIXEL)}) {
            try (NDManager m = Engines.newManager()) {
                ae.initialize(m);
                NDArray x = m.randomUniform(0f, 1f, new Shape(3, 1, 28, 28));
                NDList out = ae.forward(new ParameterStore(), new NDList(x), false);
                assertEquals(x.getShape(), out.get(0).getShape());
                assertEquals(new Shape(3, ae.latentDim()), out.get(1).getShape());
                assertArrayEquals(out.get(1).toFloatArray(), ae.encode(x).toFloatArray(), 1e-6f);
            }
        }
    }

    @Test
    void autoencoderParameterCountsMatchFormulas() {
        int z = 16;
        long mlp = 785L * 512 + 513 * 256 + 257L * z + (z + 1L) * 256 + 257 * 512 + 513 * 784;
        long conv = 10 * 32 + 289 * 64 + 3137L * z + (z + 1L) * 3136 + 577 * 32 + 289;
        try (NDManager m = Engines.newManager()) {
            assertEquals(mlp, ParameterCounts.count(Autoencoder.mlp(z).initialize(m)));
            assertEquals(conv, ParameterCounts.count(Autoencoder.conv28(z).initialize(m)));
        }
    }

    @Test
    void cvaeShapesCountsAndLabelDependence() {
        int z = 4;
        try (NDManager m = Engines.newManager()) {
            ConditionalVae cvae = ConditionalVae.mlp(z).setNoise(NoiseSource.zeros()).initialize(m);
            long hand = (784 + 10 + 1L) * 512 + 513 * 256 + 257 * 2L * z
                    + (z + 10 + 1L) * 256 + 257 * 512 + 513 * 784;
            assertEquals(hand, ParameterCounts.count(cvae));
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 28, 28));
            NDArray y = m.create(new int[] {3, 7});
            NDList out = cvae.forward(new ParameterStore(), new NDList(x, y), false);
            assertEquals(x.getShape(), out.get(0).getShape());
            for (int i = 1; i < 4; i++) {
                assertEquals(new Shape(2, z), out.get(i).getShape());
            }
            assertArrayEquals(out.get(1).toFloatArray(), out.get(3).toFloatArray(), 0f, "zero noise: z = mu");
            // The label changes both the posterior and the decoded image.
            NDArray otherY = m.create(new int[] {4, 7});
            Gaussian q1 = cvae.encode(x, y);
            Gaussian q2 = cvae.encode(x, otherY);
            float[] a = q1.mu().toFloatArray();
            float[] b = q2.mu().toFloatArray();
            assertFalse(a[0] == b[0] && a[1] == b[1], "first example's posterior ignores its label");
            assertEquals(a[z], b[z], 0f, "second example (same label) must not change");
            NDArray samples = cvae.sample(new int[] {0, 1, 2}, m, 5);
            assertEquals(new Shape(3, 1, 28, 28), samples.getShape());
            assertArrayEquals(samples.toFloatArray(), cvae.sample(new int[] {0, 1, 2}, m, 5).toFloatArray(), 0f);
        }
    }

    @Test
    void cvaeRejectsMissingOrMisshapenLabels() {
        try (NDManager m = Engines.newManager()) {
            ConditionalVae cvae = ConditionalVae.mlp(new Shape(1, 4, 4), 3, 2, 8).initialize(m);
            NDArray x = m.zeros(new Shape(2, 1, 4, 4));
            assertThrows(IllegalArgumentException.class,
                    () -> cvae.forward(new ParameterStore(), new NDList(x), false));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> cvae.encode(x, m.create(new int[] {1, 2, 0})));
            assertTrue(e.getMessage().contains("labels"), e.getMessage());
        }
    }

    @Test
    void seededSamplingIsReproducible() {
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.mlp(new Shape(1, 4, 4), 3, 8).initialize(m);
            assertArrayEquals(vae.sample(4, m, 9).toFloatArray(), vae.sample(4, m, 9).toFloatArray(), 0f);
            assertFalse(java.util.Arrays.equals(vae.sample(4, m, 9).toFloatArray(), vae.sample(4, m, 10).toFloatArray()));
        }
    }

    @Test
    void parameterSummaryListsEveryTensorAndTheTotal() {
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.conv28(2).initialize(m);
            String summary = ParameterCounts.summary(vae);
            assertEquals(vae.getParameters().size() + 1, summary.lines().count());
            assertTrue(summary.lines().reduce((a, b) -> b).orElseThrow().endsWith("59,525"), summary);
            assertThrows(IllegalStateException.class, () -> ParameterCounts.count(Vae.mlp(2)));
        }
    }
}
