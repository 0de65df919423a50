package org.dgm4j.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dgm4j.Engines;
import org.dgm4j.model.Autoencoder;
import org.dgm4j.model.Vae;
import org.junit.jupiter.api.Test;

class LatentCodecTest {

    private static final Shape IMAGE = new Shape(1, 8, 8);

    @Test
    void scalingStandardisesCodesAsTheClosedFormSays() {
        int n = 400;
        int d = 3;
        float[] flat = new float[n * d];
        Random r = new Random(1);
        double[] centre = {5, -2, 0.5};
        double[] spread = {4, 1, 0.25};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) (centre[j] + spread[j] * r.nextGaussian());
            }
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += flat[i * d + j] / (double) n;
            }
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                squares += Math.pow(flat[i * d + j] - mean[j], 2);
            }
        }
        double sigma = Math.sqrt(squares / (n * d));
        try (NDManager m = Engines.newManager()) {
            NDArray z = m.create(flat).reshape(n, d);
            LatentScaling scaling = LatentScaling.fit(z);
            assertArrayEquals(mean, scaling.mean(), 1e-9);
            assertEquals(sigma, scaling.std(), 1e-9);
            NDArray scaled = scaling.apply(z);
            assertArrayEquals(new float[d], scaled.mean(new int[] {0}).toFloatArray(), 1e-5f);
            assertEquals(1.0, scaled.square().mean().getFloat(), 1e-4);
            assertArrayEquals(flat, scaling.invert(scaled).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void decodingTheScaledEncodingReproducesTheFirstStageReconstruction() {
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(3);
            Vae vae = Vae.mlp(IMAGE, 4, 16).initialize(m);
            Autoencoder ae = Autoencoder.mlp(IMAGE, 4, 16).initialize(m);
            NDArray x = m.randomUniform(0f, 1f, new Shape(6, 1, 8, 8));
            LatentScaling scaling = new LatentScaling(new double[] {0.3, -0.2, 1.5, 0}, 0.05);
            for (LatentCodec codec : new LatentCodec[] {LatentCodec.of(vae, scaling), LatentCodec.of(ae, scaling)}) {
                NDArray codes = codec.encode(x);
                assertEquals(new Shape(6, 4), codes.getShape());
                // The scaling changes the codes a lot (σ = 0.05), and decode undoes exactly that.
                assertTrue(codes.sub(codec.rawCodes(x)).abs().max().getFloat() > 1);
                NDArray reconstruction = codec.reconstruct(x);
                assertEquals(x.getShape(), reconstruction.getShape());
                assertArrayEquals(reconstruction.toFloatArray(), codec.decode(codes).toFloatArray(), 1e-5f);
            }
            assertArrayEquals(vae.encode(x).mu().toFloatArray(), LatentCodec.of(vae, scaling).rawCodes(x).toFloatArray());
        }
    }

    @Test
    void badInputIsNamedWithTheFix() {
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.mlp(IMAGE, 4, 16).initialize(m);
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> LatentCodec.of(vae, LatentScaling.identity(3)));
            assertEquals("the scaling is for codes of size 3 but the first stage's latent size is 4; fit the scaling on"
                    + " this model's codes", size.getMessage());
            LatentCodec codec = LatentCodec.of(vae, LatentScaling.identity(4));
            IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                    () -> codec.decode(m.zeros(new Shape(2, 5))));
            assertEquals("expected codes (B, 4), got (2, 5)", width.getMessage());
            IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                    () -> LatentScaling.fit(m.ones(new Shape(5, 2))));
            assertTrue(flat.getMessage().contains("codes that are all equal cannot be scaled"), flat.getMessage());
            IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                    () -> LatentScaling.fit(m.ones(new Shape(1, 2))));
            assertEquals("expected codes (N >= 2, D), got (1, 2)", one.getMessage());
        }
    }
}
