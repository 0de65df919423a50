package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.Engines;
import org.dgm4j.diffusion.NoiseSchedule;
import org.junit.jupiter.api.Test;

class DiffusionChecksTest {

    static NDArray forward(NDArray x0, NDArray eps, double a) {
        return x0.mul(Math.sqrt(a)).add(eps.mul(Math.sqrt(1 - a)));
    }

    @Test
    void forwardProcess() {
        Shown.by(() -> DiffusionChecks.forwardProcess((x0, eps, ab, t) -> forward(x0, eps, ab[t]))).passed();
        Shown.by(() -> DiffusionChecks.forwardProcess((x0, eps, ab, t) -> forward(x0, eps, ab[t - 1]))).failedWith("0-based");
        Shown.by(() -> DiffusionChecks.forwardProcess((x0, eps, ab, t) -> x0.mul(ab[t]).add(eps.mul(1 - ab[t]))))
                .failedWith("square roots are missing");
    }

    static NDArray ddim(NDArray xt, NDArray eps, double[] ab, int t, int tPrev, boolean lastToClean) {
        double a = ab[t];
        double p = tPrev >= 0 ? ab[tPrev] : lastToClean ? 1 : ab[0];
        NDArray x0 = xt.sub(eps.mul(Math.sqrt(1 - a))).div(Math.sqrt(a));
        return forward(x0, eps, p);
    }

    @Test
    void ddimStep() {
        Shown.by(() -> DiffusionChecks.ddimStep((xt, eps, ab, t, p) -> ddim(xt, eps, ab, t, p, true))).passed();
        Shown.by(() -> DiffusionChecks.ddimStep((xt, eps, ab, t, p) -> ddim(xt, eps, ab, t, p, false))).failedWith("ᾱ_{−1} = 1");
        Shown.by(() -> DiffusionChecks.ddimStep((xt, eps, ab, t, p) -> ddim(xt, eps, ab, t - 1, p - 1, true))).failedWith("0-based");
    }

    @Test
    void signalShare() {
        try (NDManager m = Engines.newManager()) {
            m.getEngine().setRandomSeed(3);
            NDArray x0 = m.randomUniform(-1f, 1f, new Shape(100, 1, 8, 8));
            double[] ab = NoiseSchedule.cosine(100).alphaBars();
            int t = 60;
            float[] a = x0.toFloatArray();
            float[] b = forward(x0, m.randomNormal(x0.getShape()), ab[t]).toFloatArray();
            double r = RotationChecksTest.pearson(toDouble(a), toDouble(b), true);
            Shown.by(() -> DiffusionChecks.signalShare(x0, ab, t, () -> r * r)).passed();
            Shown.by(() -> DiffusionChecks.signalShare(x0, ab, t, () -> r)).failedWith("the correlation r");
        }
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
