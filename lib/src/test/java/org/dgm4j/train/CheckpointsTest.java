package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("faults")
class CheckpointsTest extends CountingFits {

    @TempDir
    Path root;

    @AfterEach
    void clearRetrainProperty() {
        System.clearProperty(Checkpoints.RETRAIN_PROPERTY);
    }

    /** A fresh block (as a re-run notebook cell builds one) fitted with the cache. */
    private Result cachedFit(String name, boolean retrain) {
        TinyVae vae = new TinyVae(64, 16, 3);
        History h = countingFit(vae).cache(name).retrain(retrain)
                .checkpoints(Checkpoints.at(root).reportingTo(messages::add)).run();
        return new Result(vae, h);
    }

    private record Result(Block block, History history) {
        float[][] parameters() {
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            return out.toArray(new float[0][]);
        }
    }

    @Test
    void secondRunReloadsParametersAndHistoryWithoutTraining() {
        Result first = cachedFit("vae", false);
        assertEquals(8, trainingCalls);
        assertFalse(first.history().fromCache());
        float[][] trained = first.parameters();
        trainingCalls = 0;
        Result second = cachedFit("vae", false);
        assertEquals(0, trainingCalls, "a cached model must not be retrained");
        assertTrue(second.history().fromCache());
        float[][] loaded = second.parameters();
        assertEquals(trained.length, loaded.length);
        for (int i = 0; i < trained.length; i++) {
            assertArrayEquals(trained[i], loaded[i], 0f);
        }
        for (String m : first.history().metrics()) {
            assertArrayEquals(first.history().series(m), second.history().series(m), 0.0);
        }
        assertArrayEquals(first.history().seconds(), second.history().seconds(), 0.0);
        assertTrue(messages.get(messages.size() - 1).startsWith("Loaded vae from "), messages.toString());
    }

    @Test
    void truncatedParametersAreReportedAndRetrained() throws Exception {
        Result first = cachedFit("vae", false);
        Path params = root.resolve(Files.list(root).findFirst().orElseThrow().getFileName()).resolve(Checkpoints.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        trainingCalls = 0;
        Result second = cachedFit("vae", false);
        assertEquals(8, trainingCalls, "a corrupt checkpoint must lead to retraining");
        assertFalse(second.history().fromCache());
        assertTrue(messages.stream().anyMatch(m -> m.contains("is unusable: params.bin is corrupt")), messages.toString());
        assertArrayEquals(first.history().series("train/total"), second.history().series("train/total"), 0.0,
                "retraining from the same seed reproduces the run");
        trainingCalls = 0;
        cachedFit("vae", false);
        assertEquals(0, trainingCalls, "the rewritten entry is valid again");
    }

    @Test
    void mismatchedManifestIsReportedAndRetrained() throws Exception {
        cachedFit("vae", false);
        Path manifest = Files.list(root).findFirst().orElseThrow().resolve(Checkpoints.MANIFEST);
        String text = Files.readString(manifest).replace("epochs\\=2", "epochs\\=3");
        assertTrue(text.contains("epochs\\=3"), text);
        Files.writeString(manifest, text);
        trainingCalls = 0;
        cachedFit("vae", false);
        assertEquals(8, trainingCalls);
        assertTrue(messages.stream().anyMatch(m -> m.contains("manifest.properties is corrupt (its key does not"
                + " belong to this entry)")), messages.toString());
    }

    @Test
    void aCheckpointOfAnotherLibraryOrEngineVersionIsRetrainedWithAMessage() throws Exception {
        cachedFit("vae", false);
        Path manifest = Files.list(root).findFirst().orElseThrow().resolve(Checkpoints.MANIFEST);
        String ours = Engines.runtime();
        assertTrue(ours.matches("dgm4j \\S+, PyTorch \\d+\\.\\d+\\.\\d+, DJL \\S+"), ours);
        String text = Files.readString(manifest);
        assertTrue(text.contains(Checkpoints.RUNTIME + "="), "the manifest records what trained it: " + text);
        for (String other : new String[] {"dgm4j 0.0.9, PyTorch 2.5.1, DJL 0.32.0", "dgm4j "
                + Engines.libraryVersion() + ", PyTorch 2.4.0, DJL 0.30.0", null}) {
            // A folder copied from a machine with another version (null: written before versions were recorded).
            String copied = text.replaceAll("(?m)^" + Checkpoints.RUNTIME + "=.*\n", "");
            Files.writeString(manifest, other == null ? copied : copied + Checkpoints.RUNTIME + "=" + other + "\n");
            messages.clear();
            trainingCalls = 0;
            Result again = cachedFit("vae", false);
            assertEquals(8, trainingCalls, "never loaded silently: " + other);
            assertFalse(again.history().fromCache());
            assertEquals(1, messages.stream().filter(m -> m.contains("it was trained by "
                    + (other == null ? "a version that did not record it" : other) + ", this is " + ours)).count(),
                    messages.toString());
            trainingCalls = 0;
            cachedFit("vae", false);
            assertEquals(0, trainingCalls, "the retrained entry records this version and loads");
        }
    }

    @Test
    void forceFlagAndEnvironmentRetrain() {
        cachedFit("vae", false);
        trainingCalls = 0;
        cachedFit("vae", true);
        assertEquals(8, trainingCalls, "retrain(true) must train");
        trainingCalls = 0;
        System.setProperty(Checkpoints.RETRAIN_PROPERTY, "1");
        cachedFit("vae", false);
        assertEquals(8, trainingCalls, Checkpoints.RETRAIN_PROPERTY + "=1 must train");
    }

    @Test
    void keyDependsOnConfigurationAndData() {
        TinyVae vae = new TinyVae(64, 16, 3);
        Fit base = Fit.of(vae, vae.objective()).train(train).epochs(2).cache("k");
        String k1 = base.key();
        assertEquals(k1, base.key());
        assertNotEquals(k1, base.learningRate(2e-3).key());
        assertNotEquals(k1, Fit.of(vae, vae.objective()).train(TensorSource.patterns(manager, 256, 2)).epochs(2)
                .cache("k").key());
        assertNotEquals(k1, Fit.of(vae, vae.objective()).train(train).epochs(2).cache("k").describe("beta=4").key());
    }

    @Test
    void defaultRootComesFromThePropertyAndWritesLeaveNoTemporaryFiles() throws Exception {
        System.setProperty(Checkpoints.PROPERTY, root.toString());
        try {
            assertEquals(root.toAbsolutePath(), Checkpoints.defaultRoot());
        } finally {
            System.clearProperty(Checkpoints.PROPERTY);
        }
        cachedFit("vae", false);
        Path entry = Files.list(root).findFirst().orElseThrow();
        try (var files = Files.list(entry)) {
            assertEquals(List.of(Checkpoints.HISTORY, Checkpoints.MANIFEST, Checkpoints.PARAMS),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
