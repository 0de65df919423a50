package org.dgm4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.loss.LossTerms;
import org.dgm4j.loss.VaeObjective;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.ops.Upsampling;
import org.junit.jupiter.api.Test;

class VaeTest {

    private static void assertForwardShapes(Vae vae, int b) {
        Shape img = vae.imageShape();
        try (NDManager m = Engines.newManager()) {
            vae.initialize(m);
            NDArray x = m.randomUniform(0f, 1f, new Shape(b, img.get(0), img.get(1), img.get(2)));
            NDList out = vae.forward(new ParameterStore(), new NDList(x), false);
            assertEquals(4, out.size());
            assertEquals(x.getShape(), out.get(0).getShape(), "logits");
            for (int i = 1; i < 4; i++) {
                assertEquals(new Shape(b, vae.latentDim()), out.get(i).getShape());
            }
            assertEquals(x.getShape(), vae.sample(b, m, 1).getShape());
        }
    }

    @Test
    void everyVaeProducesImageLogitsAndLatents() {
        assertForwardShapes(Vae.mlp(20), 3);
        assertForwardShapes(Vae.conv28(8), 2);
        assertForwardShapes(Vae.conv28(4, 128, Upsampling.Mode.SUB_PIXEL), 2);
        assertForwardShapes(Vae.conv64(10), 2);
        assertForwardShapes(Vae.conv64(new Shape(3, 64, 64), 6, Upsampling.Mode.SUB_PIXEL), 2);
        assertForwardShapes(Vae.conv64Deep(new Shape(1, 32, 32), 10, Upsampling.Mode.NEAREST_CONV), 2);
        assertForwardShapes(Vae.conv64Deep(new Shape(1, 64, 64), 4, Upsampling.Mode.NEAREST_CONV), 2);
    }

    private static long count(Vae vae) {
        try (NDManager m = Engines.newManager()) {
            return ParameterCounts.count(vae.initialize(m));
        }
    }

    @Test
    void mlpParameterCountMatchesFormulaAndReference() {
        // Encoder 784·512+512 + 512·256+256 + (256+1)·2z; decoder (z+1)·256 + 256·512+512 + 512·784+784.
        for (int z : new int[] {2, 20}) {
            long hand = 784L * 512 + 512 + 512 * 256 + 256 + 257L * 2 * z
                    + (z + 1L) * 256 + 256 * 512 + 512 + 512 * 784 + 784;
            assertEquals(hand, count(Vae.mlp(z)), "z = " + z);
        }
        assertEquals(1_068_820, count(Vae.mlp(2)), "reference dense VAE (latent 2)");
    }

    @Test
    void conv28ParameterCountMatchesFormulaAndReference() {
        // Conv 1→32 3×3, 32→64 3×3, FC 3136→2z; FC z→3136, up+conv 64→32 3×3, up+conv 32→1 3×3.
        for (int z : new int[] {2, 16}) {
            long hand = 10 * 32 + (32 * 9 + 1) * 64 + (3136 + 1) * 2L * z
                    + (z + 1L) * 3136 + (64 * 9 + 1) * 32 + (32 * 9 + 1);
            assertEquals(hand, count(Vae.conv28(z)), "z = " + z);
        }
        assertEquals(59_525, count(Vae.conv28(2)), "reference conv VAE (latent 2)");
        // Sub-pixel: the two decoder convolutions produce 4× the channels.
        long subPixel = 10 * 32 + (32 * 9 + 1) * 64 + 3137 * 4L + 3 * 3136
                + (64 * 9 + 1) * 128 + (32 * 9 + 1) * 4;
        assertEquals(subPixel, count(Vae.conv28(2, 0, Upsampling.Mode.SUB_PIXEL)));
    }

    @Test
    void conv64ParameterCountMatchesFormula() {
        int z = 10;
        long enc = (16 + 1) * 32 + (32 * 16 + 1) * 32 + (32 * 16 + 1) * 64 + (64 * 16 + 1) * 64
                + (1024 + 1) * 256 + 257 * 2L * z;
        long dec = (z + 1L) * 256 + 257 * 1024 + (64 * 9 + 1) * 64 + (64 * 9 + 1) * 32 + (32 * 9 + 1) * 32
                + (32 * 9 + 1);
        assertEquals(enc + dec, count(Vae.conv64(z)));
    }

    @Test
    void deepConv64ParameterCountMatchesFormula() {
        // Seven convolutions (4×4 stride 2 and 3×3 stride 1 alternating), each with batch normalisation (γ, β and
        // the two running statistics: 4 numbers per channel); 256 channels at side s = H/16.
        int z = 10;
        for (int side : new int[] {32, 64}) {
            long s2 = (long) (side / 16) * (side / 16);
            long enc = 17 * 32 + (32 * 9 + 1) * 32 + (32 * 16 + 1) * 64 + (64 * 9 + 1) * 64 + (64 * 16 + 1) * 128
                    + (128 * 9 + 1) * 128 + (128 * 16 + 1) * 256 + 4L * (32 + 32 + 64 + 64 + 128 + 128 + 256)
                    + (256 * s2 + 1) * 256 + 257 * 2L * z;
            long dec = (z + 1L) * 256 + 257 * 256 * s2 + (256 * 9 + 1) * 128 + (128 * 9 + 1) * 128 + (128 * 9 + 1) * 64
                    + (64 * 9 + 1) * 64 + (64 * 9 + 1) * 32 + (32 * 9 + 1) * 32 + 4L * (128 + 128 + 64 + 64 + 32 + 32)
                    + (32 * 9 + 1);
            assertEquals(enc + dec, count(Vae.conv64Deep(new Shape(1, side, side), z, Upsampling.Mode.NEAREST_CONV)),
                    side + "×" + side);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vae.conv64Deep(new Shape(1, 28, 28), z, Upsampling.Mode.NEAREST_CONV));
        assertTrue(e.getMessage().contains("divisible by 16"), e.getMessage());
    }

    @Test
    void zeroNoiseReparameterisationReturnsTheMean() {
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.mlp(new Shape(1, 4, 4), 3, 8).setNoise(NoiseSource.zeros()).initialize(m);
            NDArray x = m.randomUniform(0f, 1f, new Shape(5, 1, 4, 4));
            NDList out = vae.forward(new ParameterStore(), new NDList(x), false);
            assertArrayEquals(out.get(1).toFloatArray(), out.get(3).toFloatArray(), 0f);
            assertArrayEquals(vae.encode(x).mu().toFloatArray(), out.get(1).toFloatArray(), 0f);
        }
    }

    @Test
    void reparameterisationIsMuPlusSigmaTimesEps() {
        try (NDManager m = Engines.newManager()) {
            NDArray mu = m.create(new float[] {1f, -2f});
            NDArray logVar = m.create(new float[] {0f, (float) Math.log(4)});
            NDArray eps = m.create(new float[] {0.5f, -1.5f});
            assertArrayEquals(new float[] {1.5f, -5f}, Vae.reparameterize(mu, logVar, eps).toFloatArray(), 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> Vae.reparameterize(mu, logVar, m.zeros(new Shape(3))));
        }
    }

    @Test
    void encoderWeightsReceiveGradientsThroughTheReparameterisation() {
        // Only the reconstruction term is differentiated: the encoder can get a gradient through z alone.
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.conv28(4).initialize(m);
            NDManager bm = m.newSubManager();
            try (bm; GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = bm.randomUniform(0f, 1f, new Shape(4, 1, 28, 28));
                NDList out = vae.forward(new ParameterStore(), new NDList(x), true);
                gc.backward(Reconstruction.bernoulli().loss(out.get(0), x));
                int encoderTensors = 0;
                for (var p : vae.getParameters()) {
                    if (p.getKey().contains("encoder")) {
                        double g = p.getValue().getArray().getGradient().abs().sum().getFloat();
                        assertTrue(g > 0, "no gradient for " + p.getKey());
                        encoderTensors++;
                    }
                }
                assertEquals(6, encoderTensors, "conv, conv, linear: weights and biases");
            }
        }
    }

    @Test
    void objectiveGivesGradientsToEveryParameter() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.mlp(new Shape(1, 6, 6), 3, 16).initialize(m);
            VaeObjective objective = new VaeObjective(vae);
            NDManager bm = m.newSubManager();
            try (Batch batch = new Batch(bm, bm.randomUniform(0f, 1f, new Shape(4, 1, 6, 6)),
                    bm.zeros(new Shape(4)));
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                LossTerms loss = objective.compute(batch, true);
                gc.backward(loss.total());
                for (var p : vae.getParameters()) {
                    Parameter param = p.getValue();
                    assertTrue(param.getArray().getGradient().abs().sum().getFloat() > 0,
                            "no gradient for " + p.getKey());
                }
                var values = loss.scalars();
                assertEquals(values.get("recon") + values.get("kl"), values.get(LossTerms.TOTAL), 1e-3);
            }
        }
    }

    @Test
    void parametersSurviveASaveLoadRoundTrip() throws Exception {
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(5);
            Vae trained = Vae.conv28(3, 16, Upsampling.Mode.SUB_PIXEL).initialize(m);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            trained.saveParameters(new java.io.DataOutputStream(bytes));
            Engine.getInstance().setRandomSeed(6);
            Vae fresh = Vae.conv28(3, 16, Upsampling.Mode.SUB_PIXEL).initialize(m);
            NDArray z = m.randomNormal(new Shape(2, 3));
            assertTrue(trained.decode(z).sub(fresh.decode(z)).abs().max().getFloat() > 0, "seeds differ");
            fresh.loadParameters(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(trained.decode(z).toFloatArray(), fresh.decode(z).toFloatArray(), 0f);
        }
    }

    @Test
    void wrongImageSizeGivesAClearMessage() {
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.conv64(4).initialize(m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> vae.encode(m.zeros(new Shape(2, 1, 28, 28))));
            assertTrue(e.getMessage().contains("resize"), e.getMessage());
        }
    }
}
