package org.dgm4j.exercises;

import java.util.Arrays;
import java.util.Random;
import org.dgm4j.metrics.LatentCorrelation;
import org.dgm4j.metrics.LinearReadout;
import org.junit.jupiter.api.Test;

class RotationChecksTest {

    @Test
    void doubleAngle() {
        Shown.by(() -> RotationChecks.doubleAngle(t -> new double[] {Math.cos(Math.toRadians(2 * t)), Math.sin(Math.toRadians(2 * t))}))
                .passed();
        Shown.by(() -> RotationChecks.doubleAngle(t -> new double[] {Math.cos(2 * t), Math.sin(2 * t)})).failedWith("radians");
        Shown.by(() -> RotationChecks.doubleAngle(t -> new double[] {Math.cos(Math.toRadians(t)), Math.sin(Math.toRadians(t))}))
                .failedWith("use 2θ");
    }

    static double pearson(double[] a, double[] b, boolean normalise) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return normalise ? ab / Math.sqrt(aa * bb) : ab / a.length;
    }

    @Test
    void pearson() {
        Shown.by(() -> RotationChecks.pearson((a, b) -> pearson(a, b, true))).passed();
        Shown.by(() -> RotationChecks.pearson((a, b) -> pearson(a, b, false))).failedWith("covariance");
        Shown.by(() -> RotationChecks.pearson((a, b) -> Math.abs(pearson(a, b, true)))).failedWith("|r|");
    }

    @Test
    void twoLatentShare() {
        Random random = new Random(4);
        int n = 200;
        double[] theta = new double[n];
        float[][] means = new float[n][4];
        for (int i = 0; i < n; i++) {
            theta[i] = -90 + 180 * random.nextDouble();
            double a = Math.toRadians(2 * theta[i]);
            means[i][0] = (float) random.nextGaussian();
            means[i][1] = (float) (-Math.cos(a) + 0.2 * random.nextGaussian());
            means[i][2] = (float) (Math.sin(a) + 0.3 * random.nextGaussian());
            means[i][3] = (float) (0.01 * theta[i] + random.nextGaussian());
        }
        double[] r = LatentCorrelation.perLatent(means, theta);
        int[] top = LatentCorrelation.rankByAbsolute(r);
        float[][] two = new float[n][];
        for (int i = 0; i < n; i++) {
            two[i] = new float[] {means[i][top[0]], means[i][top[1]]};
        }
        double[][] target = LinearReadout.doubleAngle(theta);
        double share = LinearReadout.heldOutR2(two, target, 0.5) / LinearReadout.heldOutR2(means, target, 0.5);
        Shown.by(() -> RotationChecks.twoLatentShare(means, theta, () -> share)).passed();
        Shown.by(() -> RotationChecks.twoLatentShare(means, theta, () -> 1 / share)).failedWith("inverted");
    }
}
