package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.loss.LossTerms;
import org.dgm4j.loss.Objective;
import org.dgm4j.ops.Scalars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FitTest {

    private static NDManager manager;
    private static TensorSource train;
    private static TensorSource val;

    @BeforeAll
    static void data() {
        manager = Engines.newManager();
        train = TensorSource.patterns(manager, 512, 1);
        val = TensorSource.patterns(manager, 128, 2);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static History fit(long seed, int epochs) {
        TinyVae vae = new TinyVae(64, 32, 4);
        return Fit.of(vae, vae.objective()).train(train).validation(val).epochs(epochs).batchSize(64)
                .learningRate(3e-3).seed(seed).progress(Progress.silent()).run();
    }

    @Test
    void sameSeedGivesIdenticalLossesAndOtherSeedDiffers() {
        History a = fit(7, 2);
        History b = fit(7, 2);
        History c = fit(8, 2);
        for (String m : a.metrics()) {
            assertArrayEquals(a.series(m), b.series(m), 0.0, m);
        }
        assertFalse(a.last("train/total") == c.last("train/total"), "a different seed should change the run");
    }

    @Test
    void historyHasEveryTermForBothSplitsAndLossFalls() {
        History h = fit(3, 3);
        assertEquals(List.of("train/total", "train/recon", "train/kl", "val/total", "val/recon", "val/kl"), h.metrics());
        assertEquals(3, h.size());
        assertEquals(3, h.table().rowCount());
        assertEquals(8, h.table().columnCount());
        double[] t = h.series("train/total");
        assertTrue(t[2] < t[0], "training loss should fall: " + java.util.Arrays.toString(t));
        double[] v = h.series("val/total");
        assertTrue(v[2] < v[0], "validation loss should fall: " + java.util.Arrays.toString(v));
        assertEquals(h.last("val/total"), h.last("val/recon") + h.last("val/kl"), 1e-3);
        for (double s : h.seconds()) {
            assertTrue(s > 0);
        }
    }

    @Test
    void nonFiniteTermStopsTrainingNamingEpochStepAndTerm() {
        TinyVae vae = new TinyVae(64, 32, 4);
        Objective inner = vae.objective();
        int[] calls = {0};
        Objective poisoned = (batch, training, step) -> {
            LossTerms t = inner.compute(batch, training, step);
            calls[0]++;
            if (training && calls[0] == 8 + 3) { // 8 steps per epoch: epoch 2, step 3
                return LossTerms.of(t.total()).with("recon", t.components().get("recon"))
                        .with("kl", Scalars.div(t.components().get("kl"), 0.0).mul(Scalars.like(t.total(), 0)));
            }
            return t;
        };
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> Fit.of(vae, poisoned).train(train).epochs(3).batchSize(64).seed(1)
                        .progress(Progress.silent()).run());
        assertEquals(2, e.epoch());
        assertEquals(3, e.step());
        assertEquals("kl", e.term());
        assertTrue(e.getMessage().contains("'kl' is NaN at epoch 2, training step 3"), e.getMessage());
    }

    @Test
    void noLiveArraysAccumulateAcrossEpochsOrReruns() {
        List<Integer> afterEpoch = new ArrayList<>();
        Progress counting = new Progress() {
            @Override
            public void epoch(History history) {
                afterEpoch.add(Engines.liveArrays());
            }
        };
        List<Integer> afterRun = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            TinyVae vae = new TinyVae(64, 32, 4); // a re-run notebook cell builds a new block
            Fit.of(vae, vae.objective()).train(train).validation(val).epochs(4).batchSize(64).seed(1)
                    .progress(counting).run();
            afterRun.add(Engines.liveArrays());
        }
        for (int i = 1; i < afterEpoch.size(); i++) {
            if (i % 4 != 0) {
                assertEquals(afterEpoch.get(i - 1), afterEpoch.get(i), "live arrays grew during a run: " + afterEpoch);
            }
        }
        assertEquals(afterRun.get(0), afterRun.get(1), "a second fit must free the first: " + afterRun);
        assertEquals(afterRun.get(1), afterRun.get(2), "a second fit must free the first: " + afterRun);
    }

    @Test
    void fitsOfDifferentModelsKeepEachOthersParameters() {
        TinyVae a = new TinyVae(64, 32, 4);
        Fit.of(a, a.objective()).train(train).epochs(1).batchSize(64).seed(1).progress(Progress.silent()).run();
        TinyVae b = new TinyVae(64, 16, 4);
        Fit.of(b, b.objective()).train(train).epochs(1).batchSize(64).seed(1).progress(Progress.silent()).run();
        assertEquals(32 * 64, a.getParameters().valueAt(0).getArray().toFloatArray().length,
                "the first model's parameters must still be readable");
    }

    @Test
    void listenersSeeEveryUpdateAndClippingChangesTheRun() {
        TinyVae vae = new TinyVae(64, 32, 4);
        List<Long> steps = new ArrayList<>();
        List<Float> firstWeight = new ArrayList<>();
        History clipped = Fit.of(vae, vae.objective()).train(train).epochs(2).batchSize(64).seed(7)
                .learningRate(3e-3).clipGradientNorm(0.5).progress(Progress.silent())
                .listener(new TrainingListener() {
                    @Override
                    public void onTrainingBatch(TrainingLoop loop, Step step) {
                        steps.add(step.global());
                        firstWeight.add(loop.block().getParameters().valueAt(0).getArray().getFloat(0, 0));
                    }
                }).run();
        assertEquals(16, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1L, steps.get(i));
        }
        assertFalse(firstWeight.get(0).equals(firstWeight.get(1)), "the listener sees the updated weights");
        History plain = fit(7, 2);
        assertFalse(plain.last("train/total") == clipped.last("train/total"));
        assertTrue(Double.isFinite(clipped.last("train/total")));
    }

    @Test
    void logProgressPrintsOneLinePerEpochWithoutCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TinyVae vae = new TinyVae(64, 32, 4);
        Fit.of(vae, vae.objective()).train(train).epochs(2).batchSize(64).seed(1)
                .progress(new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)).run();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), text);
        String[] lines = text.strip().split("\n");
        assertEquals(3, lines.length, text);
        assertTrue(lines[1].startsWith("epoch 1/2  8 steps  ") && lines[1].contains("img/s") && lines[1].contains("train/total"), lines[1]);
    }

    @Test
    void terminalProgressRedrawsInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TinyVae vae = new TinyVae(64, 32, 4);
        Fit.of(vae, vae.objective()).train(train).epochs(1).batchSize(64).seed(1)
                .progress(new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true)).run();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\repoch 1/1 [########################] 8/8"), text);
        assertTrue(text.contains("img/s"), text);
    }

    @Test
    void badConfigurationIsRejectedWithAClearMessage() {
        TinyVae vae = new TinyVae(64, 32, 4);
        Fit fit = Fit.of(vae, vae.objective());
        assertTrue(assertThrows(IllegalStateException.class, fit::run).getMessage().contains(".train(data)"));
        assertThrows(IllegalArgumentException.class, () -> fit.learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> fit.batchSize(0));
    }
}
