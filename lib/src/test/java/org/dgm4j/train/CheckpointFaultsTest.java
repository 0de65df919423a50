package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dgm4j.data.AtomicFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection for the checkpoint cache: a folder that cannot be written (disk full, read-only, a
 * file where the folder should be), a save killed at any point, left-overs of interrupted saves, a
 * corrupt manifest. Each asserts the message and that no trained model or history is lost.
 */
@Tag("faults")
class CheckpointFaultsTest extends CountingFits {

    @TempDir
    Path root;

    private record Result(TinyVae vae, History history) {
        float[] firstParameter() {
            Pair<String, Parameter> p = vae.getParameters().get(0);
            return p.getValue().getArray().toFloatArray();
        }
    }

    private Result fit(Checkpoints store) {
        TinyVae vae = new TinyVae(64, 16, 3);
        History h = countingFit(vae).cache("vae").checkpoints(store.reportingTo(messages::add)).run();
        return new Result(vae, h);
    }

    private String warning() {
        return messages.stream().filter(m -> m.startsWith("WARNING: could not save")).findFirst()
                .orElseThrow(() -> new AssertionError("no warning in " + messages));
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).sorted().toList();
        }
    }

    @Test
    void fullDiskWarnsKeepsTheTrainedModelAndLeavesNoHalfEntry() throws IOException {
        int[] writes = {0};
        Checkpoints full = Checkpoints.at(root).writingWith((target, data) -> {
            if (++writes[0] == 2) { // the parameters are written, the history finds the disk full
                throw new FileSystemException(target.toString(), null, "No space left on device");
            }
            AtomicFiles.write(target, data);
        });
        Result r = fit(full);
        assertEquals(8, trainingCalls, "training ran to the end");
        assertEquals(2, r.history().size(), "the history is returned");
        assertTrue(r.vae().isInitialized());
        assertTrue(Float.isFinite(r.firstParameter()[0]), "the trained parameters are usable in memory");
        String w = warning();
        assertTrue(w.contains(root.toString()) && w.contains("No space left on device")
                && w.contains("stay in memory") && w.contains("DGM4J_CHECKPOINTS"), w);
        assertEquals(List.of(), tree(root), "the half-written entry is removed");
        trainingCalls = 0;
        fit(Checkpoints.at(root));
        assertEquals(8, trainingCalls, "nothing was cached, so the next run trains (and now saves)");
        trainingCalls = 0;
        fit(Checkpoints.at(root));
        assertEquals(0, trainingCalls);
    }

    @Test
    void aFileWhereTheFolderShouldBeWarnsInsteadOfThrowing() throws IOException {
        Path notAFolder = Files.writeString(root.resolve("checkpoints"), "a file, not a folder");
        Result r = fit(Checkpoints.at(notAFolder));
        assertEquals(2, r.history().size());
        String w = warning();
        assertTrue(w.contains(notAFolder.toString()) && w.contains("writable"), w);
        assertEquals("a file, not a folder", Files.readString(notAFolder), "nothing of the user's is touched");
    }

    @Test
    void aReadOnlyFolderWarnsAndTheCellGoesOn() {
        Checkpoints readOnly = Checkpoints.at(root).writingWith((target, data) -> {
            throw new java.nio.file.AccessDeniedException(target.toString(), null, "Read-only file system");
        });
        Result first = fit(readOnly);
        Result second = fit(readOnly); // the next model of the same cell still trains
        assertEquals(16, trainingCalls);
        assertArrayEquals(first.history().series("train/total"), second.history().series("train/total"), 0.0);
        assertTrue(warning().contains("Read-only file system"), warning());
        assertEquals(2, messages.stream().filter(m -> m.startsWith("WARNING")).count());
    }

    /** A save stopped dead (the kernel killed) after {@code files} files: no clean-up runs. */
    private static final class Killed extends Error {
    }

    @Test
    void aSaveKilledAtAnyPointIsNeverLoadedAndIsRetrained() throws IOException {
        for (int files = 0; files <= 2; files++) {
            int stopAt = files;
            int[] writes = {0};
            Checkpoints dying = Checkpoints.at(root).writingWith((target, data) -> {
                if (writes[0]++ == stopAt) {
                    Files.write(target.resolveSibling(target.getFileName() + "123.tmp"), new byte[] {1, 2});
                    throw new Killed();
                }
                AtomicFiles.write(target, data);
            });
            assertThrows(Killed.class, () -> fit(dying));
            trainingCalls = 0;
            messages.clear();
            Result r = fit(Checkpoints.at(root));
            assertEquals(8, trainingCalls, "killed after " + files + " files: the entry must not load");
            assertFalse(r.history().fromCache());
            assertTrue(messages.stream().noneMatch(m -> m.startsWith("Loaded")), messages.toString());
            trainingCalls = 0;
            fit(Checkpoints.at(root));
            assertEquals(0, trainingCalls, "the retrained entry is valid");
            deleteTree();
        }
    }

    private void deleteTree() throws IOException {
        List<Path> all = new ArrayList<>(tree(root));
        java.util.Collections.reverse(all);
        for (Path p : all) {
            Files.delete(p);
        }
    }

    @Test
    void leftOversOfInterruptedSavesAreSweptWhenStale() throws IOException {
        Instant old = Instant.now().minus(Checkpoints.STALE).minusSeconds(60);
        Path entry = Files.createDirectories(root.resolve("vae-0123456789abcdef"));
        Path staleTmp = Files.write(entry.resolve("params.bin42.tmp"), new byte[] {1});
        Path freshTmp = Files.write(entry.resolve("history.csv43.tmp"), new byte[] {1});
        Path kept = Files.write(entry.resolve("params.bin"), new byte[] {1});
        Path empty = Files.createDirectories(root.resolve("ae-fedcba9876543210"));
        Path freshEmpty = Files.createDirectories(root.resolve("ae-0000000000000000"));
        for (Path p : List.of(staleTmp, empty)) {
            Files.setLastModifiedTime(p, FileTime.from(old));
        }
        assertEquals(2, Checkpoints.at(root).sweep());
        assertFalse(Files.exists(staleTmp));
        assertFalse(Files.exists(empty));
        assertTrue(Files.exists(freshTmp) && Files.exists(kept) && Files.exists(freshEmpty),
                "what a save running right now may be writing stays");
    }

    @Test
    void corruptManifestIsCalledCorruptAndRetrained() throws IOException {
        Result first = fit(Checkpoints.at(root));
        Path manifest;
        try (Stream<Path> s = Files.list(root)) {
            manifest = s.findFirst().orElseThrow().resolve(Checkpoints.MANIFEST);
        }
        String good = Files.readString(manifest);
        List<String> corruptions = List.of("\u0000\u0017garbage", good.substring(0, good.length() / 2),
                good.replace("epochs\\=2", "epochs\\=3"));
        List<byte[]> contents = new ArrayList<>();
        for (String corrupt : corruptions) {
            contents.add(corrupt.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        contents.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41, (byte) 0xc3}); // not UTF-8 at all
        for (byte[] corrupt : contents) {
            Files.write(manifest, corrupt);
            messages.clear();
            trainingCalls = 0;
            Result again = fit(Checkpoints.at(root));
            assertEquals(8, trainingCalls, "a corrupt manifest means retraining");
            assertArrayEquals(first.history().series("train/total"), again.history().series("train/total"), 0.0);
            String m = String.join("\n", messages);
            assertTrue(m.contains("manifest.properties is corrupt") && m.contains("Retraining"), m);
            assertFalse(m.contains("different configuration") || m.contains("format 'null'"), m);
        }
    }
}
