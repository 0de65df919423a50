package org.dgm4j.exercises;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;
import org.dgm4j.metrics.LatentCorrelation;
import org.dgm4j.metrics.LinearReadout;

/** Checks of lecture 05 (Rotated-MNIST: is the angle encoded?). */
public final class RotationChecks {

    /** Share of the data fitted by the read-outs of {@link #twoLatentShare}; the rest scores them. */
    public static final double TRAIN_FRACTION = 0.5;

    private RotationChecks() {}

    /** 05.1: an angle θ in degrees as the pair (cos 2θ, sin 2θ), so that −90° and 90° meet. */
    public static void doubleAngle(DoubleFunction<double[]> features) {
        double[] angles = {0, 30, 45, -90, 90, 17.5, -60};
        double[][] expected = LinearReadout.doubleAngle(angles);
        double[][] degrees = new double[angles.length][];
        double[][] single = new double[angles.length][];
        double[][] swapped = new double[angles.length][];
        for (int i = 0; i < angles.length; i++) {
            degrees[i] = new double[] {Math.cos(2 * angles[i]), Math.sin(2 * angles[i])};
            double a = Math.toRadians(angles[i]);
            single[i] = new double[] {Math.cos(a), Math.sin(a)};
            swapped[i] = new double[] {expected[i][1], expected[i][0]};
        }
        Exercise.report(new Comparison("05.1", "double-angle features")
                .mistake("θ is in degrees; Math.cos and Math.sin take radians (Math.toRadians)", Values.of(degrees))
                .mistake("that is (cos θ, sin θ); use 2θ so that −90° and 90°, the same tilt of a digit, meet",
                        Values.of(single))
                .mistake("cos and sin are swapped: the pair is (cos 2θ, sin 2θ)", Values.of(swapped))
                .judge(Values.of(expected), () -> {
                    double[][] got = new double[angles.length][];
                    for (int i = 0; i < angles.length; i++) {
                        got[i] = features.apply(angles[i]);
                        if (got[i] == null) {
                            return null;
                        }
                    }
                    return Values.of(got);
                }, "on " + angles.length + " angles, both ends of ±90° included"));
    }

    /** 05.2: Pearson's correlation coefficient of two samples of equal length. */
    public static void pearson(ToDoubleBiFunction<double[], double[]> r) {
        Random random = new Random(41);
        double[] x = Inputs.doubles(Inputs.normal(random, 50, 2));
        double[] noise = Inputs.doubles(Inputs.normal(random, 50, 1));
        double[][][] cases = {
            {x, IntStream.range(0, 50).mapToDouble(i -> 3 + 0.5 * x[i] + noise[i]).toArray()},
            {x, IntStream.range(0, 50).mapToDouble(i -> 10 - 2 * x[i] + noise[i]).toArray()},
            {{1, 2, 3, 4}, {10, 20, 30, 41}},
        };
        double[] expected = new double[cases.length];
        double[] covariance = new double[cases.length];
        double[] uncentred = new double[cases.length];
        for (int c = 0; c < cases.length; c++) {
            double[] a = cases[c][0];
            double[] b = cases[c][1];
            expected[c] = LatentCorrelation.pearson(a, b);
            double ma = Arrays.stream(a).average().orElseThrow();
            double mb = Arrays.stream(b).average().orElseThrow();
            double sab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < a.length; i++) {
                sab += (a[i] - ma) * (b[i] - mb);
                aa += a[i] * a[i];
                bb += b[i] * b[i];
            }
            covariance[c] = sab / a.length;
            double raw = 0;
            for (int i = 0; i < a.length; i++) {
                raw += a[i] * b[i];
            }
            uncentred[c] = raw / Math.sqrt(aa * bb);
        }
        Exercise.report(new Comparison("05.2", "Pearson correlation")
                .mistake("that is the covariance; divide by both standard deviations", Values.of(covariance))
                .mistake("the samples are not centred: subtract each one's mean first", Values.of(uncentred))
                .mistake("that is |r|; keep the sign (a negative r is an anti-correlation)",
                        Values.of(Arrays.stream(expected).map(Math::abs).toArray()))
                .judge(Values.of(expected), () -> {
                    double[] got = new double[cases.length];
                    for (int c = 0; c < cases.length; c++) {
                        got[c] = r.applyAsDouble(cases[c][0].clone(), cases[c][1].clone());
                    }
                    return Values.of(got);
                }, "on " + cases.length + " samples, one of them anti-correlated"));
    }

    /**
     * 05.3: the share of the held-out R² of the (cos 2θ, sin 2θ) read-out that the two latents of largest
     * |r| with the signed angle keep: R²(those two latents) / R²(all latents), both with
     * {@link LinearReadout#heldOutR2} and {@link #TRAIN_FRACTION}, as measured by the student.
     */
    public static void twoLatentShare(float[][] means, double[] thetaDegrees, Supplier<Double> measured) {
        double[] r = LatentCorrelation.perLatent(means, thetaDegrees);
        double[][] target = LinearReadout.doubleAngle(thetaDegrees);
        double full = LinearReadout.heldOutR2(means, target, TRAIN_FRACTION);
        int[] byAbs = LatentCorrelation.rankByAbsolute(r);
        double two = LinearReadout.heldOutR2(columns(means, byAbs[0], byAbs[1]), target, TRAIN_FRACTION);
        int[] bySigned = IntStream.range(0, r.length).boxed().sorted(Comparator.comparingDouble(j -> -r[j]))
                .mapToInt(Integer::intValue).toArray();
        double twoSigned = LinearReadout.heldOutR2(columns(means, bySigned[0], bySigned[1]), target, TRAIN_FRACTION);
        Exercise.report(new Comparison("05.3", "R² kept by the two top latents")
                .tolerance(1e-6, 1e-9)
                .mistake("you ranked the latents by signed r; rank them by |r| (a negative correlation counts too)",
                        Values.scalar(twoSigned / full))
                .mistake("the ratio is inverted: R²(two latents) / R²(all latents)", Values.scalar(full / two))
                .mistake("that is R² of the two latents alone; divide it by the full code's R²", Values.scalar(two))
                .judge(Values.scalar(two / full), () -> Values.orNull(measured.get()),
                        "on " + means.length + " codes of " + r.length + " latents"));
    }

    private static float[][] columns(float[][] means, int a, int b) {
        float[][] out = new float[means.length][];
        for (int i = 0; i < means.length; i++) {
            out[i] = new float[] {means[i][a], means[i][b]};
        }
        return out;
    }
}
