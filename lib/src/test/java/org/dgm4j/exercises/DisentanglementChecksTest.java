package org.dgm4j.exercises;

import java.util.Arrays;
import java.util.Random;
import org.dgm4j.metrics.Mig;
import org.junit.jupiter.api.Test;

class DisentanglementChecksTest {

    static double gap(double[] mi, double entropy, boolean normalised) {
        double[] s = mi.clone();
        Arrays.sort(s);
        double g = s[s.length - 1] - s[s.length - 2];
        return normalised ? g / entropy : g;
    }

    @Test
    void migGap() {
        Shown.by(() -> DisentanglementChecks.migGap((mi, h) -> gap(mi, h, true))).passed();
        Shown.by(() -> DisentanglementChecks.migGap((mi, h) -> gap(mi, h, false))).failedWith("not normalised");
        Shown.by(() -> DisentanglementChecks.migGap((mi, h) -> (mi[0] - mi[1]) / h)).failedWith("first two entries");
    }

    static float[][] traverse(float[] base, int dim, double[] values, boolean add) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = base.clone();
            out[i][dim] = (float) (add ? out[i][dim] + values[i] : values[i]);
        }
        return out;
    }

    @Test
    void traversalCodes() {
        Shown.by(() -> DisentanglementChecks.traversalCodes((b, d, v) -> traverse(b, d, v, false))).passed();
        Shown.by(() -> DisentanglementChecks.traversalCodes((b, d, v) -> traverse(b, d, v, true))).failedWith("added the value");
        Shown.by(() -> DisentanglementChecks.traversalCodes((b, d, v) -> traverse(b, d - 1, v, false))).failedWith("off by one");
    }

    @Test
    void factorMig() {
        Random random = new Random(9);
        int n = 300;
        int[] label = new int[n];
        float[][] means = new float[n][3];
        for (int i = 0; i < n; i++) {
            label[i] = random.nextInt(4);
            means[i][0] = (float) random.nextGaussian();
            means[i][1] = label[i] + 0.3f * (float) random.nextGaussian();
            means[i][2] = (float) (0.5 * label[i] + random.nextGaussian());
        }
        double[] mi = new double[3];
        for (int j = 0; j < 3; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = means[i][j];
            }
            mi[j] = Mig.mutualInformation(Mig.discretise(column, Mig.DEFAULT_BINS), label);
        }
        double h = Mig.entropy(label);
        Shown.by(() -> DisentanglementChecks.factorMig(means, label, () -> gap(mi, h, true))).passed();
        Shown.by(() -> DisentanglementChecks.factorMig(means, label, () -> gap(mi, h, false))).failedWith("not normalised");
    }
}
