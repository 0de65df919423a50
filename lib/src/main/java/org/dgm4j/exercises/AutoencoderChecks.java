package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleBiFunction;
import java.util.function.UnaryOperator;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.metrics.ReconstructionError;
import org.dgm4j.metrics.RocAuc;

/** Checks of lecture 01 (autoencoders). */
public final class AutoencoderChecks {

    private AutoencoderChecks() {}

    /**
     * 01.1: binary cross-entropy of targets x ∈ [0, 1] under Bernoulli probabilities σ(logits), summed over
     * the pixels of each image: one value per image, shape (B).
     */
    public static void bceWithLogits(BiFunction<NDArray, NDArray, NDArray> bce) {
        int b = 4;
        int p = 9;
        Random random = new Random(11);
        float[] logits = Inputs.normal(random, b * p, 2);
        float[] x = Inputs.uniform(random, b * p, 0, 1);
        for (int k = 0; k < p; k++) { // the last image: confident logits and binary targets, where a naive form overflows
            logits[(b - 1) * p + k] = (k % 2 == 0 ? 1 : -1) * (40f + k);
            x[(b - 1) * p + k] = k % 3 == 0 ? 1f : 0f;
        }
        x[0] = 0f;
        x[1] = 1f;
        double[] expected = new double[b];
        double[] noSigmoid = new double[b];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < p; k++) {
                double l = logits[i * p + k];
                double t = x[i * p + k];
                expected[i] += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - t * l;
                noSigmoid[i] += -(t * Math.log(l) + (1 - t) * Math.log(1 - l));
            }
        }
        double mean = Arrays.stream(expected).average().orElseThrow();
        try (NDManager m = Engines.newManager()) {
            NDArray ls = m.create(logits, new Shape(b, 1, 3, 3));
            NDArray xs = m.create(x, new Shape(b, 1, 3, 3));
            Exercise.report(new Comparison("01.1", "binary cross-entropy from logits")
                    .tolerance(1e-4, 1e-3)
                    .mistake("missing sigmoid: the decoder gives logits, not probabilities; use σ(l) (or the logits form)",
                            Values.of(noSigmoid))
                    .mistake("the sign is flipped: the BCE is minus the log-likelihood, so it is ≥ 0", Values.of(PrimerChecks.scale(expected, -1)))
                    .mistake("that is the mean over the pixels; the loss sums over the pixels of an image",
                            Values.of(PrimerChecks.scale(expected, 1.0 / p)))
                    .batchReduced(mean, b, "image", "axes 1, 2, 3")
                    .nonFinite("NaN or ∞ for confident logits: σ(l) rounds to 0 or 1 in float, so its log is −∞; use a stable"
                            + " form written with the logits, from log σ(l) = −softplus(−l) and log(1 − σ(l)) = −softplus(l)")
                    .judge(Values.of(expected), () -> Values.orNull(bce.apply(ls, xs)),
                            "one value per image, stable for logits of ±40"));
        }
    }

    /**
     * 01.2: the ROC AUC of an anomaly score, from the scores of normal examples and of anomalies (higher
     * = more anomalous); ties count one half.
     */
    public static void rocAuc(ToDoubleBiFunction<double[], double[]> auc) {
        double[][][] cases = {
            {{0.1, 0.4, 0.35, 0.8}, {0.9, 0.4, 0.65, 0.3}},
            {{1, 2, 3}, {4, 5}},
            {{1, 1, 2}, {1, 2, 2}},
            {{0.5, 0.5}, {0.5}},
        };
        double[] expected = new double[cases.length];
        double[] strict = new double[cases.length];
        double[] ties = new double[cases.length];
        for (int c = 0; c < cases.length; c++) {
            expected[c] = RocAuc.of(cases[c][0], cases[c][1]);
            double above = 0;
            double tied = 0;
            for (double a : cases[c][1]) {
                for (double n : cases[c][0]) {
                    above += a > n ? 1 : 0;
                    tied += a == n ? 1 : 0;
                }
            }
            double pairs = cases[c][0].length * cases[c][1].length;
            strict[c] = above / pairs;
            ties[c] = (above + tied) / pairs;
        }
        Exercise.report(new Comparison("01.2", "ROC AUC")
                .mistake("normal and anomalous are swapped: the AUC is P(an anomaly scores higher than a normal example)",
                        Values.of(Arrays.stream(expected).map(v -> 1 - v).toArray()))
                .mistake("ties: a tie between an anomaly and a normal example counts one half, not zero", Values.of(strict))
                .mistake("ties: a tie between an anomaly and a normal example counts one half, not one", Values.of(ties))
                .judge(Values.of(expected), () -> {
                    double[] got = new double[cases.length];
                    for (int c = 0; c < cases.length; c++) {
                        got[c] = auc.applyAsDouble(cases[c][0].clone(), cases[c][1].clone());
                    }
                    return Values.of(got);
                }, "on " + cases.length + " score sets, with ties"));
    }

    /**
     * 01.3: the mean over the images of {@code data} of the per-image squared error (averaged over the
     * pixels) between an image and its reconstruction σ(logits(x)), as measured by the student.
     *
     * @param logits the model from images (B, 1, H, W) to decoder logits of the same shape
     */
    public static void reconstructionMse(ImageDataset data, UnaryOperator<NDArray> logits, Supplier<Double> measured) {
        double[] perImage = ReconstructionError.perImage(data, x -> Activation.sigmoid(logits.apply(x)));
        double expected = mean(perImage);
        double onLogits = mean(ReconstructionError.perImage(data, logits));
        double rmse = Arrays.stream(perImage).map(Math::sqrt).average().orElseThrow();
        long pixels = (long) data.height() * data.width();
        Exercise.report(new Comparison("01.3", "test reconstruction MSE")
                .tolerance(1e-3, 1e-7)
                .mistake("you summed over the pixels; the per-image MSE averages over them", Values.scalar(expected * pixels))
                .mistake("missing sigmoid: the decoder gives logits; compare σ(logits) with the image", Values.scalar(onLogits))
                .mistake("that is a root mean squared error; the MSE has no square root", Values.scalar(rmse))
                .judge(Values.scalar(expected), () -> Values.orNull(measured.get()),
                        "the mean per-image MSE over " + data.size() + " images"));
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
