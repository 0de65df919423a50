package org.dgm4j.metrics;

import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Mutual Information Gap (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs"), in the
 * discretised form of disentanglement_lib: each latent mean is cut into {@link #DEFAULT_BINS} equal-width
 * bins over its range; for each known discrete factor k the mutual information I(z_j; v_k) with every
 * latent j is computed from counts (in nats); the factor's gap is the difference between the largest
 * and second-largest I divided by the factor's entropy H(v_k). MIG is the mean gap over factors: near 1
 * when each factor is captured by exactly one latent, near 0 when it is spread over several or none.
 * A continuous factor (e.g. an angle) must be binned first ({@link #discretise}).
 */
public final class Mig {

    /** Number of bins per latent used by disentanglement_lib and here. */
    public static final int DEFAULT_BINS = 20;

    /**
     * The outcome of a MIG computation.
     *
     * @param mig mean gap over factors
     * @param perFactor normalised gap of each factor
     * @param mutualInformation I(z_j; v_k) in nats, indexed [latent][factor]
     * @param factorEntropy H(v_k) in nats
     * @param bestLatent for each factor, the latent with the largest mutual information
     */
    public record Result(double mig, double[] perFactor, double[][] mutualInformation, double[] factorEntropy,
            int[] bestLatent) {

        /**
         * One row per factor: its name, entropy, best latent, that latent's mutual information and the
         * normalised gap (for {@code Notebook.show}).
         */
        public Table table(String... factorNames) {
            if (factorNames.length != perFactor.length) {
                throw new IllegalArgumentException(factorNames.length + " names for " + perFactor.length + " factors");
            }
            DoubleColumn topMi = DoubleColumn.create("MI of best latent (nats)");
            for (int k = 0; k < perFactor.length; k++) {
                topMi.append(mutualInformation[bestLatent[k]][k]);
            }
            return Table.create(String.format(Locale.ROOT, "MIG = %.3f", mig), StringColumn.create("factor", factorNames),
                    DoubleColumn.create("entropy (nats)", factorEntropy), IntColumn.create("best latent", bestLatent),
                    topMi, DoubleColumn.create("normalised gap", perFactor));
        }
    }

    private Mig() {}

    /**
     * MIG of latent means against discrete factors.
     *
     * @param means posterior means, points × latents (at least 2 latents)
     * @param factors factor values, factors × points (each factor's values are any integers)
     */
    public static Result compute(float[][] means, int[][] factors) {
        return compute(means, factors, DEFAULT_BINS);
    }

    /** MIG with {@code bins} bins per latent. */
    public static Result compute(float[][] means, int[][] factors, int bins) {
        Hoyer.requireMatrix(means);
        int n = means.length;
        int d = means[0].length;
        if (d < 2) {
            throw new IllegalArgumentException("MIG needs at least 2 latents (a gap between the top two), got " + d);
        }
        if (factors.length == 0) {
            throw new IllegalArgumentException("MIG needs at least one factor");
        }
        int[][] codes = new int[d][];
        for (int j = 0; j < d; j++) {
            codes[j] = discretise(Stats.column(means, j), bins);
        }
        double[][] mi = new double[d][factors.length];
        double[] entropy = new double[factors.length];
        double[] gap = new double[factors.length];
        int[] best = new int[factors.length];
        for (int k = 0; k < factors.length; k++) {
            if (factors[k].length != n) {
                throw new IllegalArgumentException("Factor " + k + " has " + factors[k].length + " values for " + n
                        + " points; give one value per point");
            }
            entropy[k] = entropy(factors[k]);
            if (entropy[k] == 0) {
                throw new IllegalArgumentException("Factor " + k + " takes a single value over these points, so its "
                        + "entropy is 0 and MIG cannot be normalised; leave it out or use a sample where it varies");
            }
            double top = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < d; j++) {
                double v = mutualInformation(codes[j], factors[k]);
                mi[j][k] = v;
                if (v > top) {
                    second = top;
                    top = v;
                    best[k] = j;
                } else if (v > second) {
                    second = v;
                }
            }
            gap[k] = (top - second) / entropy[k];
        }
        return new Result(Arrays.stream(gap).average().orElseThrow(), gap, mi, entropy, best);
    }

    /**
     * Equal-width binning over the values' range: bin {@code floor((v − min) / width)}, the maximum in
     * the last bin; all values in bin 0 when they are all equal.
     */
    public static int[] discretise(double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Cannot bin non-finite value " + v);
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int[] out = new int[values.length];
        if (!(hi > lo)) {
            return out;
        }
        double width = (hi - lo) / bins;
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.min(bins - 1, (int) Math.floor((values[i] - lo) / width));
        }
        return out;
    }

    /** Entropy in nats of the empirical distribution of {@code a}. */
    public static double entropy(int[] a) {
        return mutualInformation(a, a);
    }

    /** Mutual information in nats between two discrete sequences of equal length (plug-in estimate). */
    public static double mutualInformation(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("Mutual information needs two non-empty sequences of equal length, got "
                    + a.length + " and " + b.length);
        }
        int[] ia = dense(a);
        int[] ib = dense(b);
        int na = max(ia) + 1;
        int nb = max(ib) + 1;
        long[][] joint = new long[na][nb];
        long[] ca = new long[na];
        long[] cb = new long[nb];
        for (int i = 0; i < a.length; i++) {
            joint[ia[i]][ib[i]]++;
            ca[ia[i]]++;
            cb[ib[i]]++;
        }
        double n = a.length;
        double mi = 0;
        for (int x = 0; x < na; x++) {
            for (int y = 0; y < nb; y++) {
                long c = joint[x][y];
                if (c > 0) {
                    mi += c / n * Math.log(c * n / ((double) ca[x] * cb[y]));
                }
            }
        }
        return Math.max(0, mi);
    }

    /** Relabels values to 0..k−1 in order of their sorted distinct values. */
    private static int[] dense(int[] a) {
        int[] distinct = Arrays.stream(a).distinct().sorted().toArray();
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.binarySearch(distinct, a[i]);
        }
        return out;
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
