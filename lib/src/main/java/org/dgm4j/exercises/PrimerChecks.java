package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;

/** Checks of lecture 00 (Java + DJL primer). */
public final class PrimerChecks {

    /** The student's gradient of a loss of a linear model, w ↦ L(w) with data X (n, d) and y (n). */
    @FunctionalInterface
    public interface LinearGradient {
        /** ∇_w L at w, shape (d). */
        NDArray apply(NDArray x, NDArray w, NDArray y);
    }

    private static final int N = 6;
    private static final int D = 3;

    private PrimerChecks() {}

    /** 00.1: the gradient of L(w) = Σ_i |(Xw)_i − y_i|, i.e. Xᵀ sign(Xw − y). */
    public static void absLossGradient(LinearGradient gradient) {
        Random random = new Random(17);
        float[] x = Inputs.normal(random, N * D, 1);
        float[] w = Inputs.normal(random, D, 1);
        float[] y = Inputs.normal(random, N, 1);
        double[] r = new double[N];
        for (int i = 0; i < N; i++) {
            r[i] = -y[i];
            for (int j = 0; j < D; j++) {
                r[i] += (double) x[i * D + j] * w[j];
            }
        }
        double[] expected = new double[D];
        double[] squared = new double[D];
        double[] signs = new double[N];
        for (int i = 0; i < N; i++) {
            signs[i] = Math.signum(r[i]);
            for (int j = 0; j < D; j++) {
                expected[j] += x[i * D + j] * signs[i];
                squared[j] += 2 * x[i * D + j] * r[i];
            }
        }
        try (NDManager m = Engines.newManager()) {
            NDArray xs = m.create(x, new Shape(N, D));
            NDArray ws = m.create(w);
            NDArray ys = m.create(y);
            Exercise.report(new Comparison("00.1", "gradient of Σ|Xw − y|")
                    .mistake("the sign is flipped: the residual is Xw − y, not y − Xw", Values.of(scale(expected, -1)))
                    .mistake("that is the mean over the examples; L sums |·| over them, so there is no 1/n",
                            Values.of(scale(expected, 1.0 / N)))
                    .mistake("that is the gradient of the squared loss, 2Xᵀ(Xw − y); the derivative of |r| is sign(r)",
                            Values.of(squared))
                    .mistake("that is sign(Xw − y), one value per example; multiply by Xᵀ to sum over the examples",
                            Values.of(signs))
                    .judge(Values.of(expected), () -> Values.orNull(gradient.apply(xs, ws, ys)),
                            "matches Xᵀ sign(Xw − y) on a random problem"));
        }
    }

    /** 00.2: the mean image of a batch (B, 1, H, W), shape (1, H, W). */
    public static void meanImage(UnaryOperator<NDArray> mean) {
        int b = 5;
        int h = 3;
        int w = 4;
        int p = h * w;
        float[] images = Inputs.uniform(new Random(5), b * p, 0, 1);
        double[] expected = new double[p];
        double[] sum = new double[p];
        double[] perImage = new double[b];
        double all = 0;
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < p; k++) {
                sum[k] += images[i * p + k];
                perImage[i] += images[i * p + k] / p;
                all += images[i * p + k];
            }
        }
        for (int k = 0; k < p; k++) {
            expected[k] = sum[k] / b;
        }
        try (NDManager m = Engines.newManager()) {
            NDArray batch = m.create(images, new Shape(b, 1, h, w));
            Exercise.report(new Comparison("00.2", "mean image of a batch")
                    .mistake("wrong axis: you averaged the pixels of each image (axes 1, 2, 3); average over the batch, axis 0",
                            Values.of(perImage))
                    .mistake("that is the sum over the batch; divide by the number of images (or use mean)",
                            new Values(new long[] {1, h, w}, sum))
                    .mistake("you averaged over every axis and got one number; average over the batch axis 0 only",
                            Values.scalar(all / (b * p)))
                    .judge(new Values(new long[] {1, h, w}, expected), () -> Values.orNull(mean.apply(batch)),
                            "one image of shape (1, H, W), each pixel averaged over the batch"));
        }
    }

    /**
     * 00.3: the mean ink of each class of {@code data} (mean pixel value of an image in [0, 1], averaged
     * over the images of the class), as measured by the student.
     */
    public static void inkPerClass(ImageDataset data, Supplier<double[]> measured) {
        int classes = data.numClasses();
        int[] labels = data.labelArray();
        double[] sum = new double[classes];
        double[] count = new double[classes];
        double pixels;
        try (NDManager m = Engines.newManager()) {
            NDArray flat = data.floatImages(m).reshape(data.size(), -1);
            pixels = flat.getShape().get(1);
            float[] ink = flat.mean(new int[] {1}).toFloatArray();
            for (int i = 0; i < labels.length; i++) {
                sum[labels[i]] += ink[i];
                count[labels[i]]++;
            }
        }
        double[] expected = new double[classes];
        double[] summedPixels = new double[classes];
        for (int c = 0; c < classes; c++) {
            expected[c] = count[c] == 0 ? Double.NaN : sum[c] / count[c];
            summedPixels[c] = expected[c] * pixels;
        }
        Exercise.report(new Comparison("00.3", "mean ink per class of " + data.name())
                .tolerance(1e-3, 1e-6)
                .mistake("you summed the pixels of each image; the ink of an image is the mean of its pixels",
                        Values.of(summedPixels))
                .mistake("that is the total ink of each class; divide by the number of images of the class",
                        Values.of(sum))
                .judge(Values.of(expected), () -> Values.orNull(measured.get()),
                        "one mean per class, as measured on all " + data.size() + " images"));
    }

    static double[] scale(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }
}
