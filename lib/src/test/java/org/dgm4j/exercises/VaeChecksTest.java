package org.dgm4j.exercises;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VaeChecksTest {

    private static final int[] LATENT = {1};

    @Test
    void klClosedForm() {
        Shown.by(() -> VaeChecks.klClosedForm((mu, lv) -> lv.exp().add(mu.square()).sub(1).sub(lv).sum(LATENT).mul(0.5))).passed();
        // the acceptance example: σ = exp(logVar / 2) written where log σ² = logVar belongs
        Shown.by(() -> VaeChecks.klClosedForm((mu, lv) -> lv.exp().add(mu.square()).sub(1).sub(lv.mul(0.5).exp())
                .sum(LATENT).mul(0.5))).failedWith("you used σ where log σ² belongs");
        Shown.by(() -> VaeChecks.klClosedForm((mu, lv) -> lv.square().add(mu.square()).sub(1).sub(lv.square().log())
                .sum(LATENT).mul(0.5))).failedWith("treated logVar as σ");
        Shown.by(() -> VaeChecks.klClosedForm((mu, lv) -> lv.exp().add(mu.square()).sub(1).sub(lv).mean(LATENT).mul(0.5)))
                .failedWith("mean over the latent dimensions");
        Shown.by(() -> VaeChecks.klClosedForm((mu, lv) -> lv.exp().add(mu.square()).sub(1).sub(lv).mul(0.5)))
                .failedWith("expected shape (5), got shape (5, 3)");
        Shown.by(() -> VaeChecks.klClosedForm((mu, lv) -> Exercise.todo())).notDone();
    }

    @Test
    void reparameterize() {
        Shown.by(() -> VaeChecks.reparameterize((mu, lv, eps) -> mu.add(lv.mul(0.5).exp().mul(eps)))).passed();
        Shown.by(() -> VaeChecks.reparameterize((mu, lv, eps) -> mu.add(lv.exp().mul(eps)))).failedWith("variance σ²");
        Shown.by(() -> VaeChecks.reparameterize((mu, lv, eps) -> mu.add(lv.mul(eps)))).failedWith("logVar itself");
    }

    static double estimate(int n, boolean derivative) {
        Random random = new Random(5);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double z = 1 + random.nextGaussian();
            sum += derivative ? Math.cos(z) : Math.sin(z);
        }
        return sum / n;
    }

    @Test
    void sinGradientEstimate() {
        Shown.by(() -> VaeChecks.sinGradientEstimate(20_000, () -> estimate(20_000, true))).passed();
        Shown.by(() -> VaeChecks.sinGradientEstimate(20_000, () -> estimate(20_000, false))).failedWith("E[sin z] itself");
        Shown.by(() -> VaeChecks.sinGradientEstimate(20_000, () -> Math.cos(1))).failedWith("derivative of sin μ");
        Shown.by(() -> VaeChecks.sinGradientEstimate(10, () -> estimate(10, true))).failedWith("at least 100 samples");
    }
}
