package org.dgm4j.data;

import ai.djl.ndarray.NDManager;
import org.dgm4j.Engines;

/**
 * The MNIST set-up of the learning tests (data under {@code DGM4J_DATA}), all in one manager that
 * {@link #close()} frees.
 *
 * @param manager owns the data sets; arrays a test creates here are freed with them
 * @param fullTrain the whole MNIST training set
 * @param train a seeded subset of it (seed 1)
 * @param test a seeded subset of the MNIST test set (seed 2)
 */
public record MnistSubsets(NDManager manager, ImageDataset fullTrain, ImageDataset train, ImageDataset test)
        implements AutoCloseable {

    /** {@code trainSize} training images and {@code testSize} test images. */
    public static MnistSubsets load(int trainSize, int testSize) {
        NDManager manager = Engines.newManager();
        try {
            ImageDataset fullTrain = Mnist.train(manager);
            try (ImageDataset fullTest = Mnist.test(manager)) {
                return new MnistSubsets(manager, fullTrain, fullTrain.subset(trainSize, 1),
                        fullTest.subset(testSize, 2));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
