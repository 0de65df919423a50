package org.dgm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on tiny generated files: good raw and gzip files, and each kind of bad input. */
@Tag("faults")
class IdxTest {

    private static final int[] LABELS = {3, 0, 9, 255};

    @TempDir
    Path dir;

    private byte[] labelFile() {
        byte[] data = new byte[LABELS.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) LABELS[i];
        }
        return IdxFiles.idx(Idx.LABELS_MAGIC, new int[] {LABELS.length}, data);
    }

    @Test
    void readsRawImagesAndLabels() throws Exception {
        byte[] px = IdxFiles.pattern(4, 3, 2);
        Idx.Images images = Idx.readImages(IdxFiles.write(dir.resolve("img"), IdxFiles.idx(Idx.IMAGES_MAGIC,
                new int[] {4, 3, 2}, px)));
        assertEquals(4, images.count());
        assertEquals(3, images.rows());
        assertEquals(2, images.cols());
        assertArrayEquals(px, images.pixels());
        assertArrayEquals(LABELS, Idx.readLabels(IdxFiles.write(dir.resolve("lab"), labelFile())));
    }

    @Test
    void detectsGzipByMagicBytesNotByName() throws Exception {
        byte[] px = IdxFiles.pattern(5, 4, 4);
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {5, 4, 4}, px));
        assertArrayEquals(px, Idx.readImages(IdxFiles.write(dir.resolve("images.gz"), gz)).pixels());
        assertArrayEquals(px, Idx.readImages(IdxFiles.write(dir.resolve("no-extension"), gz)).pixels());
        assertArrayEquals(LABELS, Idx.readLabels(IdxFiles.write(dir.resolve("l.gz"), IdxFiles.gzip(labelFile()))));
    }

    @Test
    void missingFileNamesPathAndFix() {
        Path missing = dir.resolve("nowhere/train-images-idx3-ubyte");
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(missing));
        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("./environment/setup"), e.getMessage());
        assertTrue(e.getMessage().contains("DGM4J_DATA"), e.getMessage());
    }

    @Test
    void wrongMagicSaysFoundAndExpected() throws Exception {
        Path labels = IdxFiles.write(dir.resolve("labels"), labelFile());
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(labels));
        assertTrue(e.getMessage().contains("found 2049"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2051"), e.getMessage());
        Path junk = IdxFiles.write(dir.resolve("junk"), "<html>not found</html>".getBytes());
        e = assertThrows(DataException.class, () -> Idx.readLabels(junk));
        assertTrue(e.getMessage().contains("wrong magic number"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2049"), e.getMessage());
    }

    @Test
    void truncatedFileSaysExpectedAndActualBytes() throws Exception {
        byte[] full = IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {4, 3, 2}, IdxFiles.pattern(4, 3, 2));
        Path cut = IdxFiles.write(dir.resolve("cut"), Arrays.copyOf(full, full.length - 5));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + full.length + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("found " + (full.length - 5)), e.getMessage());

        Path gzCut = IdxFiles.write(dir.resolve("cut.gz"), IdxFiles.gzip(Arrays.copyOf(full, full.length - 5)));
        e = assertThrows(DataException.class, () -> Idx.readImages(gzCut));
        assertTrue(e.getMessage().contains("after decompression"), e.getMessage());

        Path headerOnly = IdxFiles.write(dir.resolve("header"), Arrays.copyOf(full, 9));
        e = assertThrows(DataException.class, () -> Idx.readImages(headerOnly));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("16-byte header"), e.getMessage());

        Path tiny = IdxFiles.write(dir.resolve("tiny"), new byte[] {0, 0});
        e = assertThrows(DataException.class, () -> Idx.readLabels(tiny));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void countsAreSpelledInTheRightNumber() throws Exception {
        Path one = IdxFiles.write(dir.resolve("one"), new byte[] {0});
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(one));
        assertTrue(e.getMessage().contains("is truncated: 1 byte, too short"), e.getMessage());
        byte[] full = labelFile();
        Path extra = IdxFiles.write(dir.resolve("extra"), Arrays.copyOf(full, full.length + 1));
        e = assertThrows(DataException.class, () -> Idx.readLabels(extra));
        assertTrue(e.getMessage().contains("has 1 byte more than its header declares"), e.getMessage());
    }

    @Test
    void extraBytesAreRejected() throws Exception {
        byte[] full = labelFile();
        Path longer = IdxFiles.write(dir.resolve("longer"), Arrays.copyOf(full, full.length + 3));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(longer));
        assertTrue(e.getMessage().contains("3 bytes more than its header declares"), e.getMessage());
    }

    @Test
    void corruptGzipIsReported() throws Exception {
        byte[] gz = IdxFiles.gzip(labelFile());
        gz[gz.length / 2] ^= 0x5a;
        gz[gz.length - 6] ^= 0x11; // and the CRC
        Path bad = IdxFiles.write(dir.resolve("bad.gz"), gz);
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(bad));
        assertTrue(e.getMessage().startsWith("Corrupt gzip file " + bad.toAbsolutePath()), e.getMessage());

        Path cut = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(IdxFiles.gzip(labelFile()), 12));
        e = assertThrows(DataException.class, () -> Idx.readLabels(cut));
        assertTrue(e.getMessage().startsWith("Corrupt gzip file"), e.getMessage());
    }

    @Test
    void countMismatchFailsBeforeAnyTensorIsCreated() throws Exception {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {5, 2, 2},
                IdxFiles.pattern(5, 2, 2)));
        Path labels = IdxFiles.write(dir.resolve("l"), labelFile());
        try (NDManager m = Engines.newManager()) {
            DataException e = assertThrows(DataException.class,
                    () -> ImageDataset.fromIdx("tiny", m, images, labels, List.of("a", "b")));
            assertTrue(e.getMessage().contains("holds 5 images") && e.getMessage().contains("holds 4 labels"),
                    e.getMessage());
            assertEquals(0, ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size());
        }
    }

    @Test
    void labelOutOfRangeIsReported() throws Exception {
        Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.idx(Idx.IMAGES_MAGIC, new int[] {4, 2, 2},
                IdxFiles.pattern(4, 2, 2)));
        Path labels = IdxFiles.write(dir.resolve("l"), labelFile());
        try (NDManager m = Engines.newManager()) {
            DataException e = assertThrows(DataException.class,
                    () -> ImageDataset.fromIdx("tiny", m, images, labels, Mnist.CLASS_NAMES));
            assertTrue(e.getMessage().contains("label 255 of example 3"), e.getMessage());
        }
    }
}
