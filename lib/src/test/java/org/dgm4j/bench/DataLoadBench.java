package org.dgm4j.bench;

import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.data.FashionMnist;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.data.RotatedMnist;

/** Prints how long the data layer takes: loading, an epoch of batches, resizing and rotating (not a test). */
public final class DataLoadBench {

    private DataLoadBench() {}

    private static <T> T time(String what, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        System.out.printf("%-48s %8.3f s%n", what, (System.nanoTime() - start) / 1e9);
        return result;
    }

    public static void main(String[] args) {
        Engines.newManager().close(); // engine start-up is not part of the figures
        try (NDManager m = Engines.newManager()) {
            ImageDataset train = time("MNIST train (raw IDX) load", () -> Mnist.train(m));
            time("MNIST train load again (warm)", () -> Mnist.train(m)).close();
            time("MNIST test load", () -> Mnist.test(m)).close();
            time("Fashion-MNIST train (gzip IDX) load", () -> FashionMnist.train(m)).close();
            time("epoch of 469 shuffled batches of 128", () -> {
                int seen = 0;
                for (Batch batch : train.batches(128, true, 1)) {
                    try (batch) {
                        seen += batch.size();
                    }
                }
                return seen;
            });
            time("MNIST train resized to 64x64", () -> train.resized(64)).close();
            ImageDataset mixed = time("randomAngles (60k upright + 60k rotated)", () -> RotatedMnist.randomAngles(train, 0));
            time("  ... resized to 64x64 (120k)", () -> mixed.resized(64)).close();
            mixed.close();
            time("flattened (5 x 60k)", () -> RotatedMnist.flattened(train)).close();
        }
    }
}
