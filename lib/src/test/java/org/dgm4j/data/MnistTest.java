package org.dgm4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** Loading the real MNIST (raw files) and Fashion-MNIST (gzipped files) fetched by environment/setup. */
class MnistTest {

    /** Published class counts of the MNIST training set. */
    private static final int[] MNIST_TRAIN_COUNTS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};

    private static int[] histogram(ImageDataset data) {
        int[] counts = new int[data.numClasses()];
        for (int label : data.labelArray()) {
            counts[label]++;
        }
        return counts;
    }

    private static void assertPixelRange(ImageDataset data) {
        NDArray images = data.images();
        assertEquals(DataType.UINT8, images.getDataType());
        assertEquals(0, images.min().toType(DataType.INT32, false).getInt());
        assertEquals(255, images.max().toType(DataType.INT32, false).getInt());
        float mean = images.toType(DataType.FLOAT32, false).mean().getFloat() / 255f;
        assertTrue(mean > 0.1f && mean < 0.4f, "mean intensity " + mean);
    }

    @Test
    void mnistTrainAndTest() {
        try (NDManager m = Engines.newManager()) {
            long start = System.nanoTime();
            ImageDataset train = Mnist.train(m);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("MNIST train loaded in %.3f s%n", seconds);
            assertEquals(60_000, train.size());
            assertEquals(new Shape(60_000, 28, 28), train.images().getShape());
            assertEquals(DataType.INT32, train.labels().getDataType());
            assertEquals(28, train.height());
            assertEquals(28, train.width());
            assertArrayEquals(MNIST_TRAIN_COUNTS, histogram(train));
            assertEquals(Mnist.CLASS_NAMES, train.classNames());
            assertPixelRange(train);
            assertEquals(5, train.label(0)); // the famous first "5"
            assertEquals(train.labels().toType(DataType.INT64, false).sum().getLong(),
                    java.util.Arrays.stream(train.labelArray()).asLongStream().sum());

            ImageDataset test = Mnist.test(m);
            assertEquals(10_000, test.size());
            assertEquals(10_000, java.util.Arrays.stream(histogram(test)).sum());
            assertEquals(7, test.label(0));
            assertPixelRange(test);
        }
    }

    @Test
    void fashionMnistFromGzip() {
        try (NDManager m = Engines.newManager()) {
            ImageDataset train = FashionMnist.train(m);
            assertEquals(60_000, train.size());
            for (int count : histogram(train)) {
                assertEquals(6_000, count); // Fashion-MNIST is balanced
            }
            assertEquals("Ankle boot", train.classNames().get(train.label(0)));
            assertPixelRange(train);
            try (ImageDataset test = FashionMnist.test(m)) {
                assertEquals(10_000, test.size());
                for (int count : histogram(test)) {
                    assertEquals(1_000, count);
                }
            }
        }
    }

    /** What a notebook cell re-run with {@code helper} leaves alive: only the returned subset's arrays. */
    private static void assertSameAsChainAndLeakFree(NDManager m, java.util.function.Supplier<ImageDataset> chain,
            java.util.function.Supplier<ImageDataset> helper) {
        try (ImageDataset expected = chain.get()) {
            int before = Engines.liveArrays();
            for (int run = 0; run < 3; run++) {
                ImageDataset subset = helper.get();
                assertEquals(before + subset.manager().getManagedArrays().size(), Engines.liveArrays(),
                        "run " + run + " left more than its subset alive");
                assertEquals(expected.toString(), subset.toString()); // part of checkpoint keys
                assertArrayEquals(expected.labelArray(), subset.labelArray());
                assertArrayEquals(expected.images().toByteArray(), subset.images().toByteArray());
                subset.close();
                assertEquals(before, Engines.liveArrays());
            }
        }
    }

    @Test
    void subsetHelpersEqualTheChainAndCloseTheFullSet() {
        try (NDManager m = Engines.newManager()) {
            assertSameAsChainAndLeakFree(m, () -> Mnist.train(m).subset(700, 1), () -> Mnist.train(m, 700, 1));
            assertSameAsChainAndLeakFree(m, () -> Mnist.test(m).subset(300, 2), () -> Mnist.test(m, 300, 2));
            assertSameAsChainAndLeakFree(m, () -> FashionMnist.train(m).subset(500, 0),
                    () -> FashionMnist.train(m, 500, 0));
            assertSameAsChainAndLeakFree(m, () -> FashionMnist.test(m).subset(200, 0),
                    () -> FashionMnist.test(m, 200, 0));
            try (ImageDataset all = Mnist.test(m); ImageDataset chain = all.subset(20_000, 4);
                    ImageDataset helper = Mnist.test(m, 20_000, 4)) {
                assertEquals("MNIST test (subset 10000, seed 4): 10000 images 28x28, 10 classes", helper.toString());
                assertEquals(chain.toString(), helper.toString());
            }
        }
    }

    @Test
    void theOldChainLeavesTheFullSetAlive() {
        try (NDManager m = Engines.newManager()) {
            int before = Engines.liveArrays();
            ImageDataset subset = Mnist.test(m).subset(300, 2);
            subset.close();
            assertTrue(Engines.liveArrays() > before, "the full test set should still be alive in m");
        }
    }
}
