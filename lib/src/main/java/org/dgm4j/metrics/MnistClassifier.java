package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.train.History;

/**
 * A small LeNet-like MNIST classifier used as the feature extractor of the sample-quality metrics
 * (in place of Inception, whose weights are unavailable and whose features suit 28×28 digits badly):
 * conv 5×5 (16) → ReLU → max-pool 2 → conv 5×5 (32) → ReLU → max-pool 2 → dense 128 → ReLU
 * (the {@link #FEATURES}-wide penultimate features) → dense 10. The course trains it once per profile
 * ({@code org.dgm4j.experiments.CourseClassifier}); ≥ 99% test accuracy after {@link #EPOCHS} epochs.
 */
public final class MnistClassifier {

    /** Width of the penultimate layer, the features compared by the Fréchet distance. */
    public static final int FEATURES = 128;
    /** Epochs of the cached classifier. */
    public static final int EPOCHS = 5;

    private static final int CHUNK = 500;

    private final SequentialBlock network;
    private final History history;

    /** The classifier of a trained {@link #network()} and its training history. */
    public MnistClassifier(SequentialBlock network, History history) {
        this.network = network;
        this.history = history;
    }

    /** A fresh, untrained network: feature extractor followed by the 10-way linear head. */
    public static SequentialBlock network() {
        SequentialBlock features = new SequentialBlock()
                .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation::relu);
        return new SequentialBlock().add(features).add(Linear.builder().setUnits(10).build());
    }

    /** The training history (loss and accuracy per epoch). */
    public History history() {
        return history;
    }

    /** Class probabilities (N, 10) of images (N, 1, 28, 28) in [0, 1], in {@code images}' manager. */
    public NDArray probabilities(NDArray images) {
        return forward(images, false);
    }

    /** Penultimate-layer features (N, {@value #FEATURES}) of images (N, 1, 28, 28) in [0, 1]. */
    public NDArray features(NDArray images) {
        return forward(images, true);
    }

    /** Share of {@code data} classified correctly. */
    public double accuracy(ImageDataset data) {
        int correct = 0;
        try (NDManager scope = data.images().getManager().newSubManager()) {
            for (int from = 0; from < data.size(); from += CHUNK) {
                int to = Math.min(data.size(), from + CHUNK);
                int[] predicted = probabilities(data.x(scope, from, to)).argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false)
                        .toIntArray();
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] == data.label(from + i)) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / data.size();
    }

    private NDArray forward(NDArray images, boolean featuresOnly) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != 28 || s.get(3) != 28) {
            throw new IllegalArgumentException("the MNIST classifier takes images (N, 1, 28, 28) in [0, 1], got " + s
                    + "; crop or resize generated images to 28×28 first");
        }
        Block block = featuresOnly ? network.getChildren().valueAt(0) : network;
        NDManager m = images.getManager();
        NDList parts = new NDList();
        for (long from = 0; from < s.get(0); from += CHUNK) {
            long to = Math.min(s.get(0), from + CHUNK);
            try (NDManager scope = m.newSubManager()) {
                NDArray chunk = images.get(from + ":" + to);
                chunk.attach(scope);
                NDArray out = block.forward(new ParameterStore(scope, false), new NDList(chunk), false).singletonOrThrow();
                if (!featuresOnly) {
                    out = out.softmax(1);
                }
                out.attach(m);
                parts.add(out);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = ai.djl.ndarray.NDArrays.concat(parts, 0);
        parts.close();
        return all;
    }
}
