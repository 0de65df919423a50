package org.dgm4j.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dgm4j.Engines;
import org.dgm4j.model.ParameterCounts;
import org.junit.jupiter.api.Test;

class LatentDenoiserTest {

    @Test
    void predictsOneNoiseVectorPerCodeThatDependsOnTime() {
        int d = 6;
        int w = 16;
        try (NDManager m = Engines.newManager()) {
            LatentDenoiser net = new LatentDenoiser(d, w, 2, 8).initialize(m);
            NDArray z = m.randomNormal(new Shape(5, d));
            NDArray early = net.predict(new ParameterStore(m, false), z, m.zeros(new Shape(5)), false);
            NDArray late = net.predict(new ParameterStore(m, false), z, m.full(new Shape(5), 900f), false);
            assertEquals(new Shape(5, d), early.getShape());
            assertTrue(early.sub(late).abs().max().getFloat() > 1e-4, "the time step must change the prediction");
            long dense = (d + 1L) * w + (8 + 1L) * w + (w + 1L) * w + 2 * 2 * (w + 1L) * w + (w + 1L) * d;
            assertEquals(dense, ParameterCounts.count(net));
        }
    }

    @Test
    void badInputIsNamedWithTheFix() {
        try (NDManager m = Engines.newManager()) {
            LatentDenoiser net = new LatentDenoiser(4, 8, 1, 8).initialize(m);
            IllegalArgumentException images = assertThrows(IllegalArgumentException.class,
                    () -> net.predict(new ParameterStore(m, false), m.zeros(new Shape(2, 1, 2, 2)), m.zeros(new Shape(2)), false));
            assertEquals("LatentDenoiser expects codes (B, 4), got (2, 1, 2, 2); encode images with the LatentCodec first",
                    images.getMessage());
            IllegalArgumentException times = assertThrows(IllegalArgumentException.class,
                    () -> net.predict(new ParameterStore(m, false), m.zeros(new Shape(3, 4)), m.zeros(new Shape(2)), false));
            assertEquals("got 2 time steps for 3 codes; pass one time step per code", times.getMessage());
            IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> new LatentDenoiser(4, 8, 1, 7));
            assertEquals("the time embedding width must be even and >= 2, got 7", odd.getMessage());
        }
    }
}
