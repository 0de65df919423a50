package org.dgm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dgm4j.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batching, subsets, splits and helpers, on a synthetic data set whose image {@code i} carries {@code i} in
 * its first two pixels (so every batch can be traced back to the examples it holds) and on real MNIST.
 */
class ImageDatasetTest {

    private static final int N = 1000;
    private static final int H = 3;
    private static final int W = 4;

    private static NDManager root;
    private static ImageDataset numbered;

    @BeforeAll
    static void setUp() {
        root = Engines.newManager();
        byte[] pixels = new byte[N * H * W];
        int[] labels = new int[N];
        float[] factor = new float[N];
        for (int i = 0; i < N; i++) {
            pixels[i * H * W] = (byte) (i % 256);
            pixels[i * H * W + 1] = (byte) (i / 256);
            pixels[i * H * W + 2] = (byte) 255;
            labels[i] = i % 7;
            factor[i] = i * 0.5f;
        }
        numbered = ImageDataset.of("numbered", root, pixels, H, W, labels,
                List.of("a", "b", "c", "d", "e", "f", "g"), Map.of("half", factor));
    }

    @AfterAll
    static void tearDown() {
        root.close();
    }

    /** The example indices held by a batch, decoded from the first two pixels of each image. */
    private static int[] indicesOf(Batch batch) {
        float[] x = batch.x().toFloatArray();
        int[] out = new int[batch.size()];
        for (int b = 0; b < out.length; b++) {
            out[b] = Math.round(x[b * H * W] * 255) + 256 * Math.round(x[b * H * W + 1] * 255);
        }
        return out;
    }

    private static int[] indicesOf(ImageDataset data) {
        float[] half = data.factor("half");
        int[] out = new int[half.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(half[i] * 2);
        }
        return out;
    }

    private static List<Integer> epoch(ImageDataset data, int batchSize, boolean shuffle, long seed) {
        List<Integer> seen = new ArrayList<>();
        for (Batch batch : data.batches(batchSize, shuffle, seed)) {
            try (batch) {
                int[] idx = indicesOf(batch);
                int[] y = batch.y().toIntArray();
                for (int b = 0; b < idx.length; b++) {
                    assertEquals(idx[b] % 7, y[b], "label travels with its image");
                    seen.add(idx[b]);
                }
            }
        }
        return seen;
    }

    @Test
    void batchesHaveTheContractShapesAndTypes() {
        int count = 0;
        for (Batch batch : numbered.batches(64, true, 1)) {
            try (batch) {
                int expected = count < 15 ? 64 : N - 15 * 64;
                assertEquals(new Shape(expected, 1, H, W), batch.x().getShape());
                assertEquals(DataType.FLOAT32, batch.x().getDataType());
                assertEquals(new Shape(expected), batch.y().getShape());
                assertEquals(DataType.INT32, batch.y().getDataType());
                assertTrue(batch.x().getManager() == batch.manager() && batch.y().getManager() == batch.manager());
                assertEquals(1f, batch.x().max().getFloat());
                assertEquals(0f, batch.x().min().getFloat());
                count++;
            }
        }
        assertEquals(numbered.batchCount(64), count);
        assertEquals(16, count);
    }

    @Test
    void anEpochCoversEveryExampleExactlyOnce() {
        for (boolean shuffle : new boolean[] {false, true}) {
            List<Integer> seen = epoch(numbered, 128, shuffle, 42);
            assertEquals(N, seen.size());
            int[] sorted = seen.stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] all = new int[N];
            Arrays.setAll(all, i -> i);
            assertArrayEquals(all, sorted);
            int[] order = seen.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(!shuffle, Arrays.equals(all, order), "shuffle=" + shuffle);
        }
    }

    @Test
    void shuffleOrderIsFixedBySeed() {
        assertEquals(epoch(numbered, 100, true, 7), epoch(numbered, 100, true, 7));
        assertFalse(epoch(numbered, 100, true, 7).equals(epoch(numbered, 100, true, 8)));
    }

    @Test
    void batchesDoNotLeakIntoTheDataSetManager() {
        BaseNDManager manager = (BaseNDManager) numbered.manager();
        int before = manager.getManagedArrays().size();
        for (Batch batch : numbered.batches(50, true, 3)) {
            try (batch) {
                assertTrue(manager.getManagedArrays().size() > before, "batch arrays live under the data set");
            }
        }
        assertEquals(before, manager.getManagedArrays().size());
        try (NDManager m = Engines.newManager()) {
            for (Batch batch : Mnist.test(m).head(2000).batches(256, true, 0)) {
                batch.close();
            }
            assertEquals(4, ((BaseNDManager) m).getManagedArrays().size(), "images and labels of the test set and its head");
        }
    }

    @Test
    void subsetIsSeededWithoutReplacementInOriginalOrder() {
        try (ImageDataset a = numbered.subset(300, 5); ImageDataset b = numbered.subset(300, 5);
                ImageDataset c = numbered.subset(300, 6)) {
            int[] ia = indicesOf(a);
            assertEquals(300, a.size());
            assertArrayEquals(ia, indicesOf(b));
            assertFalse(Arrays.equals(ia, indicesOf(c)));
            for (int i = 1; i < ia.length; i++) {
                assertTrue(ia[i] > ia[i - 1], "strictly increasing: sorted and no repeats");
            }
            for (int i = 0; i < ia.length; i++) {
                assertEquals(ia[i] % 7, a.label(i));
                assertEquals(ia[i] % 256, Math.round(a.pixels(i)[0] * 255));
            }
            assertEquals(new Shape(300, H, W), a.images().getShape());
        }
        assertThrows(IllegalArgumentException.class, () -> numbered.subset(0, 1));
        assertThrows(IllegalArgumentException.class, () -> numbered.head(-1));
        try (ImageDataset all = numbered.subset(5000, 1)) {
            assertEquals(N, all.size());
        }
    }

    @Test
    void intoClosesTheSourceButNotWhatWasDerived() {
        ImageDataset source = numbered.subset(400, 3);
        ImageDataset derived = source.into(d -> d.head(10));
        assertThrows(RuntimeException.class, () -> source.images().toByteArray());
        try (derived) {
            assertEquals("numbered (subset 400, seed 3) (first 10)", derived.name());
            assertEquals(10, derived.images().toByteArray().length / (H * W));
        }
        ImageDataset kept = numbered.subset(5, 3);
        try (kept) {
            assertTrue(kept == kept.into(d -> d));
            assertEquals(5, kept.labels().toIntArray().length); // not closed: into returned the source itself
        }
        ImageDataset failing = numbered.subset(5, 3);
        assertThrows(IllegalArgumentException.class, () -> failing.into(d -> d.head(0)));
        assertThrows(RuntimeException.class, () -> failing.images().toByteArray());
    }

    @Test
    void splitPartitionsDeterministically() {
        try (Split s = numbered.split(0.8, 11); Split again = numbered.split(0.8, 11)) {
            assertEquals(800, s.train().size());
            assertEquals(200, s.validation().size());
            int[] train = indicesOf(s.train());
            int[] validation = indicesOf(s.validation());
            assertArrayEquals(train, indicesOf(again.train()));
            assertArrayEquals(validation, indicesOf(again.validation()));
            int[] union = new int[N];
            System.arraycopy(train, 0, union, 0, 800);
            System.arraycopy(validation, 0, union, 800, 200);
            Arrays.sort(union);
            int[] all = new int[N];
            Arrays.setAll(all, i -> i);
            assertArrayEquals(all, union, "disjoint and complete");
            try (Split other = numbered.split(0.8, 12)) {
                assertFalse(other.train().toString().equals(s.train().toString()),
                        "descriptions (used in checkpoint keys) tell different splits apart");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> numbered.split(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> numbered.split(0.0001, 1));
    }

    @Test
    void headAndDerivedSetsOutliveTheirSource() {
        ImageDataset source = numbered.subset(500, 2);
        ImageDataset head = source.head(10);
        int[] expected = Arrays.copyOf(indicesOf(source), 10);
        source.close();
        assertArrayEquals(expected, indicesOf(head));
        assertEquals(10, head.images().getShape().get(0));
        head.close();
    }

    @Test
    void evaluationHelpersMatchBatches() {
        try (NDManager m = root.newSubManager()) {
            NDArray x = numbered.x(m, 10, 20);
            assertEquals(new Shape(10, 1, H, W), x.getShape());
            assertEquals(12f / 255f, x.get(2).toFloatArray()[0], 1e-7);
            assertArrayEquals(new int[] {3, 4, 5, 6, 0, 1, 2, 3, 4, 5}, numbered.y(m, 10, 20).toIntArray());
            assertEquals(new Shape(N, 1, H, W), numbered.floatImages(m).getShape());
            assertThrows(IndexOutOfBoundsException.class, () -> numbered.x(m, 5, N + 1));
        }
        float[] p = numbered.pixels(300);
        assertEquals(300 % 256 / 255f, p[0]);
        assertEquals(1 / 255f, p[1]);
        assertThrows(IllegalArgumentException.class, () -> numbered.factor("angle"));
    }

    @Test
    void firstOfEachClass() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, Examples.firstIndexOfEachClass(numbered));
        try (NDManager m = Engines.newManager(); ImageDataset test = Mnist.test(m);
                ImageDataset digits = Examples.firstOfEachClass(test)) {
            assertEquals(10, digits.size());
            int[] first = Examples.firstIndexOfEachClass(test);
            for (int c = 0; c < 10; c++) {
                assertEquals(c, digits.label(c));
                assertEquals(c, test.label(first[c]));
                for (int i = 0; i < first[c]; i++) {
                    assertTrue(test.label(i) != c, "first occurrence");
                }
                assertArrayEquals(test.pixels(first[c]), digits.pixels(c));
            }
            try (ImageDataset few = test.head(3)) {
                assertThrows(IllegalArgumentException.class, () -> Examples.firstIndexOfEachClass(few));
            }
        }
    }

    @Test
    void realMnistBatches() {
        try (NDManager m = Engines.newManager(); ImageDataset test = Mnist.test(m)) {
            int examples = 0;
            float max = 0;
            for (Batch batch : test.head(1000).batches(128, true, 9)) {
                try (batch) {
                    assertEquals(new Shape(batch.size(), 1, 28, 28), batch.x().getShape());
                    assertTrue(batch.x().min().getFloat() >= 0f);
                    max = Math.max(max, batch.x().max().getFloat());
                    examples += batch.size();
                }
            }
            assertEquals(1000, examples);
            assertEquals(1f, max);
        }
    }
}
