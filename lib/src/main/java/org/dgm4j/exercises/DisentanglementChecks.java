package org.dgm4j.exercises;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.ToDoubleBiFunction;
import org.dgm4j.metrics.Mig;

/** Checks of lecture 04 (disentanglement, traversals, MIG). */
public final class DisentanglementChecks {

    /** The student's traversal: codes equal to {@code base} except dimension {@code dim}, set to each value. */
    @FunctionalInterface
    public interface Traversal {
        /** One row per value, each of the base's length. */
        float[][] codes(float[] base, int dim, double[] values);
    }

    private DisentanglementChecks() {}

    /**
     * 04.1: the normalised gap of one factor v: (I₁ − I₂) / H(v), with I₁ ≥ I₂ the two largest mutual
     * informations I(z_j; v) over the latents.
     */
    public static void migGap(ToDoubleBiFunction<double[], Double> gap) {
        double[][] mi = {{0.1, 0.9, 0.3, 0.05}, {0.7, 0.2, 0.65}, {0.4, 0.4, 0.1}, {0.05, 0.02, 1.5, 0.6, 0.01}};
        double[] entropy = {2.3, 1.1, 0.9, 2.0};
        double[] expected = new double[mi.length];
        double[] unnormalised = new double[mi.length];
        double[] range = new double[mi.length];
        double[] top = new double[mi.length];
        double[] unsorted = new double[mi.length];
        for (int c = 0; c < mi.length; c++) {
            double[] s = mi[c].clone();
            Arrays.sort(s);
            double first = s[s.length - 1];
            double second = s[s.length - 2];
            expected[c] = (first - second) / entropy[c];
            unnormalised[c] = first - second;
            range[c] = (first - s[0]) / entropy[c];
            top[c] = first / entropy[c];
            unsorted[c] = (mi[c][0] - mi[c][1]) / entropy[c];
        }
        Exercise.report(new Comparison("04.1", "normalised MI gap")
                .mistake("not normalised: divide the gap by the factor's entropy H(v)", Values.of(unnormalised))
                .mistake("that is largest − smallest; the gap is between the two largest mutual informations", Values.of(range))
                .mistake("that is the largest mutual information alone; subtract the second largest", Values.of(top))
                .mistake("you took the first two entries; sort (or search) for the two largest", Values.of(unsorted))
                .judge(Values.of(expected), () -> {
                    double[] got = new double[mi.length];
                    for (int c = 0; c < mi.length; c++) {
                        got[c] = gap.applyAsDouble(mi[c].clone(), entropy[c]);
                    }
                    return Values.of(got);
                }, "on " + mi.length + " cases, including a tie for the largest"));
    }

    /** 04.2: the codes of a traversal of dimension {@code dim} around a base code, one row per value. */
    public static void traversalCodes(Traversal traversal) {
        float[] base = {0.5f, -1.2f, 0.3f, 2.0f, -0.7f};
        int dim = 2;
        double[] values = {-3, -1.5, 0, 1.5, 3};
        float[][] expected = new float[values.length][];
        float[][] added = new float[values.length][];
        float[][] previous = new float[values.length][];
        float[][] next = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            expected[i] = base.clone();
            expected[i][dim] = (float) values[i];
            added[i] = base.clone();
            added[i][dim] += (float) values[i];
            previous[i] = base.clone();
            previous[i][dim - 1] = (float) values[i];
            next[i] = base.clone();
            next[i][dim + 1] = (float) values[i];
        }
        float[][] transposed = new float[base.length][values.length];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < base.length; j++) {
                transposed[j][i] = expected[i][j];
            }
        }
        Exercise.report(new Comparison("04.2", "traversal codes")
                .mistake("you added the value to the base code; a traversal sets dimension dim to it", Values.of(added))
                .mistake("off by one: you changed dimension dim − 1; dimensions are 0-based", Values.of(previous))
                .mistake("off by one: you changed dimension dim + 1; dimensions are 0-based", Values.of(next))
                .mistake("wrong axis: one row per value (values × dimensions), not one row per dimension", Values.of(transposed))
                .judge(Values.of(expected), () -> {
                    float[][] got = traversal.codes(base.clone(), dim, values.clone());
                    return got == null ? null : Values.of(got);
                }, "one row per value, only dimension " + dim + " changed"));
    }

    /**
     * 04.3: the MIG of latent means with respect to one discrete factor (e.g. the digit), with
     * {@link Mig#DEFAULT_BINS} bins per latent, as measured by the student.
     */
    public static void factorMig(float[][] means, int[] factor, Supplier<Double> measured) {
        Mig.Result result = Mig.compute(means, new int[][] {factor});
        double[] mi = new double[means[0].length];
        for (int j = 0; j < mi.length; j++) {
            mi[j] = result.mutualInformation()[j][0];
        }
        double[] s = mi.clone();
        Arrays.sort(s);
        double h = result.factorEntropy()[0];
        Exercise.report(new Comparison("04.3", "MIG of one factor")
                .tolerance(1e-6, 1e-9)
                .mistake("not normalised: divide the gap by the factor's entropy H(v)", Values.scalar(s[s.length - 1] - s[s.length - 2]))
                .mistake("that is the largest mutual information over H(v); subtract the second largest first",
                        Values.scalar(s[s.length - 1] / h))
                .otherwise("use Mig.discretise(values, Mig.DEFAULT_BINS) for each latent, then Mig.mutualInformation and Mig.entropy")
                .judge(Values.scalar(result.mig()), () -> Values.orNull(measured.get()),
                        "on " + means.length + " codes of " + mi.length + " latents"));
    }
}
