package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.loss.KlWarmup;
import org.dgm4j.metrics.LatentKl;
import org.dgm4j.model.Vae;

/** Checks of lecture 03 (β-VAE, rate and distortion). */
public final class BetaVaeChecks {

    /** The student's KL warm-up: the factor multiplying β at a 0-based training step. */
    @FunctionalInterface
    public interface Warmup {
        /** The factor at {@code step} for a warm-up over {@code steps} steps. */
        double factor(long step, long steps);
    }

    private BetaVaeChecks() {}

    /**
     * 03.1: the KL to the prior per latent dimension, averaged over the batch: from μ and log σ² of
     * shape (B, d), one value per dimension, shape (d).
     */
    public static void klPerDimension(BiFunction<NDArray, NDArray, NDArray> kl) {
        int b = 6;
        int d = 4;
        Random random = new Random(31);
        float[] mu = Inputs.normal(random, b * d, 1);
        float[] lv = Inputs.uniform(random, b * d, -3, 1);
        for (int i = 0; i < b; i++) { // dimension 3 is collapsed: the posterior is the prior
            mu[i * d + 3] = 0f;
            lv[i * d + 3] = 0f;
        }
        double[] sum = new double[d];
        double[] perExample = new double[b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                double k = 0.5 * (Math.exp(lv[i * d + j]) + mu[i * d + j] * mu[i * d + j] - 1 - lv[i * d + j]);
                sum[j] += k;
                perExample[i] += k / d;
            }
        }
        double[] expected = PrimerChecks.scale(sum, 1.0 / b);
        try (NDManager m = Engines.newManager()) {
            NDArray mus = m.create(mu, new Shape(b, d));
            NDArray lvs = m.create(lv, new Shape(b, d));
            Exercise.report(new Comparison("03.1", "KL per latent dimension")
                    .mistake("wrong axis: you averaged over the latent dimensions (axis 1); average over the batch (axis 0)",
                            Values.of(perExample))
                    .mistake("wrong axis: you summed over the latent dimensions (axis 1); average over the batch (axis 0)",
                            Values.of(PrimerChecks.scale(perExample, d)))
                    .mistake("that is the sum over the batch; average over the examples", Values.of(sum))
                    .mistake("the factor ½ is missing", Values.of(PrimerChecks.scale(expected, 2)))
                    .judge(Values.of(expected), () -> Values.orNull(kl.apply(mus, lvs)),
                            "one value per dimension, 0 for the collapsed one"));
        }
    }

    /**
     * 03.2: a linear KL warm-up over {@code steps} steps: 0 at step 0, rising linearly, 1 from step
     * {@code steps} on; {@code steps = 0} means no warm-up (always 1).
     */
    public static void klWarmup(Warmup warmup) {
        long[][] cases = {{0, 10}, {1, 10}, {5, 10}, {9, 10}, {10, 10}, {11, 10}, {25, 10}, {3, 4}, {0, 0}, {7, 0}};
        double[] expected = new double[cases.length];
        double[] oneBased = new double[cases.length];
        double[] uncapped = new double[cases.length];
        double[] integer = new double[cases.length];
        for (int c = 0; c < cases.length; c++) {
            long step = cases[c][0];
            long steps = cases[c][1];
            expected[c] = KlWarmup.linear(steps).factor(step);
            oneBased[c] = steps == 0 ? 1 : Math.min(1, (step + 1.0) / steps);
            uncapped[c] = steps == 0 ? 1 : (double) step / steps;
            integer[c] = steps == 0 ? 1 : Math.min(1, step / steps);
        }
        Exercise.report(new Comparison("03.2", "linear KL warm-up")
                .mistake("off by one: steps count from 0, and the factor is 0 at step 0 (use step / steps)", Values.of(oneBased))
                .mistake("not capped: after the warm-up the factor stays at 1", Values.of(uncapped))
                .mistake("integer division: step / steps on longs is 0 until the end; divide as doubles", Values.of(integer))
                .nonFinite("NaN or ∞: steps = 0 means no warm-up (factor 1); do not divide by 0")
                .judge(Values.of(expected), () -> {
                    double[] got = new double[cases.length];
                    for (int c = 0; c < cases.length; c++) {
                        got[c] = warmup.factor(cases[c][0], cases[c][1]);
                    }
                    return Values.of(got);
                }, "on " + cases.length + " (step, steps) pairs, including steps = 0"));
    }

    /**
     * 03.3: the KL per latent dimension of {@code vae} averaged over all images of {@code data}, as
     * measured by the student (with the function of 03.1 on the encoder's outputs).
     */
    public static void measuredKlPerDimension(Vae vae, ImageDataset data, Supplier<double[]> measured) {
        double[] expected = LatentKl.perDimension(vae, data);
        Exercise.report(new Comparison("03.3", "measured KL per dimension")
                .tolerance(2e-3, 1e-4)
                .mistake("that is the sum over the images; average over them", Values.of(PrimerChecks.scale(expected, data.size())))
                .mistake("the factor ½ is missing", Values.of(PrimerChecks.scale(expected, 2)))
                .otherwise("measure on every image of the data set (all batches), with the encoder's μ and log σ²")
                .judge(Values.of(expected), () -> Values.orNull(measured.get()),
                        "one value per dimension, measured on " + data.size() + " images"));
    }
}
