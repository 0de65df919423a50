package org.dgm4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** DDPM and DDIM on a small random U-Net: equivalence at η = 1, S = T; seeding; filmstrip frames. */
class SamplerTest {

    private static final UNetConfig TINY = new UNetConfig(8, new int[] {1, 2}, 1, false, 4, 0);

    private static DiffusionModel model(NDManager m, NoiseSchedule schedule) {
        Engine.getInstance().setRandomSeed(5);
        return new DiffusionModel(TINY, schedule).initialize(m, 8, 8);
    }

    @Test
    void ddimWithEtaOneAndAllStepsIsDdpmAncestralSampling() {
        try (NDManager m = Engines.newManager()) {
            for (NoiseSchedule schedule : new NoiseSchedule[] {NoiseSchedule.cosine(25), NoiseSchedule.linear(25)}) {
                DiffusionModel model = model(m, schedule);
                SampleRun ddpm = new DdpmSampler(model.schedule()).imageSize(8, 8).frames(6).sample(model, m, 3, 42);
                SampleRun ddim = new DdimSampler(model.schedule(), 25, 1.0).imageSize(8, 8).frames(6).sample(model, m, 3, 42);
                for (int f = 0; f < 6; f++) {
                    assertEquals(ddpm.frames().get(f).t(), ddim.frames().get(f).t());
                    assertArrayEquals(ddpm.frames().get(f).images().toFloatArray(),
                            ddim.frames().get(f).images().toFloatArray(), 2e-4f, schedule + " frame " + f);
                }
                assertArrayEquals(ddpm.images().toFloatArray(), ddim.images().toFloatArray(), 2e-4f);
                // and the two differ from deterministic DDIM, so the comparison can fail
                SampleRun eta0 = new DdimSampler(model.schedule(), 25, 0.0).imageSize(8, 8).sample(model, m, 3, 42);
                assertTrue(eta0.images().sub(ddpm.images()).abs().max().getFloat() > 1e-2);
            }
        }
    }

    @Test
    void respacedDdpmIsDdimWithEtaOneAtTheSameSteps() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = model(m, NoiseSchedule.cosine(100));
            DdpmSampler respaced = new DdpmSampler(model.schedule(), 10);
            DdimSampler ddim = new DdimSampler(model.schedule(), 10, 1.0);
            assertArrayEquals(ddim.timesteps(), respaced.timesteps());
            SampleRun a = respaced.imageSize(8, 8).sample(model, m, 3, 42);
            SampleRun b = ddim.imageSize(8, 8).sample(model, m, 3, 42);
            assertArrayEquals(b.images().toFloatArray(), a.images().toFloatArray(), 2e-4f);
            SampleRun full = new DdpmSampler(model.schedule()).imageSize(8, 8).sample(model, m, 3, 42);
            assertTrue(full.images().sub(a.images()).abs().max().getFloat() > 1e-2, "10 of 100 steps is another chain");
            assertEquals("DDPM(S=10 of T=100)", respaced.describe());
            assertThrows(IllegalArgumentException.class, () -> new DdpmSampler(model.schedule(), 101));
        }
    }

    @Test
    void samplingIsSeededAndChunkingDoesNotChangeTheFirstChunk() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = model(m, NoiseSchedule.cosine(30));
            float[] a = new DdimSampler(model.schedule(), 10, 0.5).imageSize(8, 8).sample(model, m, 4, 7).images().toFloatArray();
            float[] b = new DdimSampler(model.schedule(), 10, 0.5).imageSize(8, 8).sample(model, m, 4, 7).images().toFloatArray();
            float[] c = new DdimSampler(model.schedule(), 10, 0.5).imageSize(8, 8).sample(model, m, 4, 8).images().toFloatArray();
            assertArrayEquals(a, b, 0f);
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff += Math.abs(a[i] - c[i]);
            }
            assertTrue(diff > 1e-2, "another seed gives other samples");
            SampleRun chunked = new DdpmSampler(model.schedule()).imageSize(8, 8).batchSize(2).sample(model, m, 5, 3);
            assertEquals(new Shape(5, 1, 8, 8), chunked.images().getShape());
            float min = chunked.images().min().getFloat();
            float max = chunked.images().max().getFloat();
            assertTrue(min >= 0 && max <= 1, "images are in [0, 1]");
        }
    }

    @Test
    void filmstripRunsFromNoiseToTheResult() {
        try (NDManager m = Engines.newManager()) {
            DiffusionModel model = model(m, NoiseSchedule.linear(40));
            SampleRun run = new DdimSampler(model.schedule(), 8, 0).imageSize(8, 8).frames(5).sample(model, m, 2, 1);
            assertEquals(5, run.frames().size());
            assertEquals(40, run.frames().get(0).t(), "first frame is x_T");
            assertEquals(0, run.frames().get(4).t(), "last frame is x_0");
            assertArrayEquals(run.images().toFloatArray(), run.frames().get(4).images().toFloatArray(), 0f);
            for (int f = 1; f < 5; f++) {
                assertTrue(run.frames().get(f).t() < run.frames().get(f - 1).t());
            }
            assertThrows(IllegalArgumentException.class, () -> new DdimSampler(model.schedule(), 41, 0));
        }
    }
}
