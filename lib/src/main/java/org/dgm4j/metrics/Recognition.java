package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.function.UnaryOperator;
import org.dgm4j.data.Bilinear;

/**
 * Does a classifier recognise generated or reconstructed images? Two shares over a batch, computed from
 * class probabilities (for example {@code classifier::probabilities} of the course's {@link MnistClassifier}):
 * how many images it labels as the digit they should show, and how many it labels with confidence at least
 * {@link SampleQuality#CONFIDENT}. Images of another size than the classifier's 28×28 are resized first
 * ({@link Bilinear#resize(NDArray, int, int)}).
 */
public final class Recognition {

    /** Side of the images the course classifier reads. */
    public static final int SIZE = 28;

    private Recognition() {}

    /** Share of {@code images} (N, 1, H, W) whose most probable class is {@code labels[i]}. */
    public static double labelShare(UnaryOperator<NDArray> probabilities, NDArray images, int[] labels) {
        if (labels.length != images.getShape().get(0)) {
            throw new IllegalArgumentException(labels.length + " labels for " + images.getShape().get(0) + " images");
        }
        int[] predicted = probabilities.apply(Bilinear.resize(images, SIZE, SIZE)).argMax(1)
                .toType(DataType.INT32, false).toIntArray();
        int agree = 0;
        for (int i = 0; i < labels.length; i++) {
            agree += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) agree / labels.length;
    }

    /** Share of {@code images} (N, 1, H, W) whose largest class probability is at least {@link SampleQuality#CONFIDENT}. */
    public static double confidentShare(UnaryOperator<NDArray> probabilities, NDArray images) {
        float[] top = probabilities.apply(Bilinear.resize(images, SIZE, SIZE)).max(new int[] {1}).toFloatArray();
        int confident = 0;
        for (float p : top) {
            confident += p >= SampleQuality.CONFIDENT ? 1 : 0;
        }
        return (double) confident / top.length;
    }
}
