package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Locale;
import org.dgm4j.data.ImageDataset;

/**
 * Sample quality of any generator of MNIST-like digits, on one scale: images (N, 1, 28, 28) in [0, 1]
 * from a VAE, a β-VAE or a diffusion model are passed through the {@link MnistClassifier}, and
 * compared with the real test set by (a) the Fréchet distance between penultimate-layer features
 * ("classifier FD", lower is better), (b) the share of samples classified with confidence ≥
 * {@link #CONFIDENT} and (c) the histogram of predicted classes. The Fréchet distance depends on the
 * number of samples (it is biased upwards for small N), so compare generators at the same N and read
 * them against {@link #realFloor}: real training images scored the same way.
 *
 * <pre>{@code
 * SampleQuality quality = new SampleQuality(classifier, mnistTest);   // the course: CourseClassifier.sampleQuality
 * System.out.println(quality.realFloor(train, 1000, 1));
 * System.out.println(quality.evaluate("DDIM-50", run.images()));
 * }</pre>
 */
public final class SampleQuality {

    /** Confidence (top-class probability) above which a sample counts as clearly recognised. */
    public static final double CONFIDENT = 0.9;

    private final MnistClassifier classifier;
    private final FrechetDistance.Moments reference;
    private final String referenceName;

    /** Scores against the features of {@code reference} (real images), computed once here. */
    public SampleQuality(MnistClassifier classifier, ImageDataset reference) {
        this.classifier = classifier;
        this.referenceName = reference.name();
        try (NDManager scope = reference.images().getManager().newSubManager()) {
            NDArray features = classifier.features(reference.floatImages(scope));
            this.reference = FrechetDistance.moments(rows(features));
        }
    }

    /** The classifier used. */
    public MnistClassifier classifier() {
        return classifier;
    }

    /** Scores generated {@code images} (N ≥ 2, 1, 28, 28) in [0, 1] under the label {@code name}. */
    public Report evaluate(String name, NDArray images) {
        long n = images.getShape().get(0);
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 images to estimate a covariance, got " + n);
        }
        float min = images.min().getFloat();
        float max = images.max().getFloat();
        if (min < -1e-3 || max > 1 + 1e-3) {
            throw new IllegalArgumentException("images must be in [0, 1] (got values in [" + min + ", " + max
                    + "]); map [-1, 1] model outputs with (x + 1) / 2 and clip");
        }
        NDArray features = classifier.features(images);
        NDArray probabilities = classifier.probabilities(images);
        try {
            double fd = FrechetDistance.between(FrechetDistance.moments(rows(features)), reference);
            float[] top = probabilities.max(new int[] {1}).toFloatArray();
            int[] predicted = probabilities.argMax(1).toType(DataType.INT32, false).toIntArray();
            int confident = 0;
            double confidenceSum = 0;
            int[] histogram = new int[10];
            for (int i = 0; i < top.length; i++) {
                confidenceSum += top[i];
                if (top[i] >= CONFIDENT) {
                    confident++;
                }
                histogram[predicted[i]]++;
            }
            return new Report(name, (int) n, fd, (double) confident / n, confidenceSum / n, histogram);
        } finally {
            features.close();
            probabilities.close();
        }
    }

    /**
     * How many of {@code images} (N, 1, 28, 28) in [0, 1] the classifier assigns to each digit with
     * confidence ≥ {@link #CONFIDENT}: a digit with a count of 0 was never drawn recognisably. Used to ask
     * which digits a decoded latent plane contains.
     */
    public int[] confidentClassCounts(NDArray images) {
        NDArray probabilities = classifier.probabilities(images);
        try {
            float[] top = probabilities.max(new int[] {1}).toFloatArray();
            int[] predicted = probabilities.argMax(1).toType(DataType.INT32, false).toIntArray();
            int[] counts = new int[10];
            for (int i = 0; i < top.length; i++) {
                if (top[i] >= CONFIDENT) {
                    counts[predicted[i]]++;
                }
            }
            return counts;
        } finally {
            probabilities.close();
        }
    }

    /**
     * The floor: {@code n} real images drawn (seeded) from {@code real} — normally the training set —
     * scored like generated ones against the reference test set.
     */
    public Report realFloor(ImageDataset real, int n, long seed) {
        try (ImageDataset subset = real.subset(n, seed); NDManager scope = real.images().getManager().newSubManager()) {
            return evaluate("real: " + real.name() + " (" + subset.size() + ")", subset.floatImages(scope));
        }
    }

    private static float[][] rows(NDArray features) {
        int n = (int) features.getShape().get(0);
        int d = (int) features.getShape().get(1);
        float[] flat = features.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /**
     * Quality figures of one set of images.
     *
     * @param name label of the generator
     * @param count number of images scored
     * @param frechet Fréchet distance of classifier features to the reference (lower is better)
     * @param confidentShare share of images classified with confidence ≥ {@link #CONFIDENT}
     * @param meanConfidence mean top-class probability
     * @param classCounts predicted class histogram (10 bins)
     */
    public record Report(String name, int count, double frechet, double confidentShare, double meanConfidence,
            int[] classCounts) {

        /** Predicted class shares (sums to 1). */
        public double[] classShares() {
            return Arrays.stream(classCounts).mapToDouble(c -> (double) c / count).toArray();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: N=%d, classifier FD %.3f, confident (>= %.1f) %.1f%%, mean confidence %.3f,"
                    + " classes %s", name, count, frechet, CONFIDENT, 100 * confidentShare, meanConfidence,
                    Arrays.toString(classCounts));
        }
    }
}
