package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.Vae;
import org.junit.jupiter.api.Test;

class BetaVaeChecksTest {

    static NDArray kl(NDArray mu, NDArray lv) {
        return lv.exp().add(mu.square()).sub(1).sub(lv).mul(0.5);
    }

    @Test
    void klPerDimension() {
        Shown.by(() -> BetaVaeChecks.klPerDimension((mu, lv) -> kl(mu, lv).mean(new int[] {0}))).passed();
        Shown.by(() -> BetaVaeChecks.klPerDimension((mu, lv) -> kl(mu, lv).mean(new int[] {1}))).failedWith("wrong axis");
        Shown.by(() -> BetaVaeChecks.klPerDimension((mu, lv) -> kl(mu, lv).sum(new int[] {0}))).failedWith("sum over the batch");
    }

    @Test
    void klWarmup() {
        Shown.by(() -> BetaVaeChecks.klWarmup((step, steps) -> steps == 0 ? 1 : Math.min(1.0, (double) step / steps))).passed();
        Shown.by(() -> BetaVaeChecks.klWarmup((step, steps) -> steps == 0 ? 1 : Math.min(1.0, (step + 1.0) / steps)))
                .failedWith("off by one");
        Shown.by(() -> BetaVaeChecks.klWarmup((step, steps) -> Math.min(1.0, (double) step / steps))).failedWith("do not divide by 0");
        Shown.by(() -> BetaVaeChecks.klWarmup((step, steps) -> steps == 0 ? 1 : Math.min(1.0, step / steps)))
                .failedWith("integer division");
    }

    @Test
    void measuredKlPerDimension() {
        try (NDManager m = Engines.newManager()) {
            byte[] pixels = new byte[40 * 16];
            new java.util.Random(2).nextBytes(pixels);
            ImageDataset data = ImageDataset.of("tiny", m, pixels, 4, 4, new int[40], List.of("0"), Map.of());
            Vae vae = Vae.mlp(new Shape(1, 4, 4), 3, 8);
            vae.initialize(m);
            double[] sum = new double[3];
            for (Batch b : data.batches(16, false, 0)) {
                try (b) {
                    Gaussian q = vae.encode(b.x());
                    float[] s = kl(q.mu(), q.logVar()).sum(new int[] {0}).toFloatArray();
                    for (int j = 0; j < 3; j++) {
                        sum[j] += s[j];
                    }
                }
            }
            Shown.by(() -> BetaVaeChecks.measuredKlPerDimension(vae, data, () -> PrimerChecks.scale(sum, 1.0 / 40))).passed();
            Shown.by(() -> BetaVaeChecks.measuredKlPerDimension(vae, data, () -> sum)).failedWith("sum over the images");
        }
    }
}
