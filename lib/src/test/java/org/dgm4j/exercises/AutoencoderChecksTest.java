package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Map;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.junit.jupiter.api.Test;

class AutoencoderChecksTest {

    private static final int[] PIXELS = {1, 2, 3};

    @Test
    void bceWithLogits() {
        Shown.by(() -> AutoencoderChecks.bceWithLogits((l, x) -> Activation.softPlus(l).sub(x.mul(l)).sum(PIXELS))).passed();
        Shown.by(() -> AutoencoderChecks.bceWithLogits((l, x) -> x.mul(l.log()).add(x.neg().add(1).mul(l.neg().add(1).log()))
                .neg().sum(PIXELS))).failedWith("missing sigmoid");
        Shown.by(() -> AutoencoderChecks.bceWithLogits((l, x) -> {
            NDArray p = Activation.sigmoid(l);
            return x.mul(p.log()).add(x.neg().add(1).mul(p.neg().add(1).log())).neg().sum(PIXELS);
        })).failedWith("stable form");
        Shown.by(() -> AutoencoderChecks.bceWithLogits((l, x) -> Activation.softPlus(l).sub(x.mul(l)).sum(PIXELS).div(9)))
                .failedWith("mean over the pixels");
        Shown.by(() -> AutoencoderChecks.bceWithLogits((l, x) -> Activation.softPlus(l).sub(x.mul(l)).sum(PIXELS).mean()))
                .failedWith("averaged over the batch");
    }

    static double auc(double[] normal, double[] anomalies, double tie) {
        double sum = 0;
        for (double a : anomalies) {
            for (double n : normal) {
                sum += a > n ? 1 : a == n ? tie : 0;
            }
        }
        return sum / (normal.length * anomalies.length);
    }

    @Test
    void rocAuc() {
        Shown.by(() -> AutoencoderChecks.rocAuc((n, a) -> auc(n, a, 0.5))).passed();
        Shown.by(() -> AutoencoderChecks.rocAuc((n, a) -> auc(n, a, 0))).failedWith("one half, not zero");
        Shown.by(() -> AutoencoderChecks.rocAuc((n, a) -> auc(a, n, 0.5))).failedWith("swapped");
    }

    @Test
    void reconstructionMse() {
        try (NDManager m = Engines.newManager()) {
            byte[] pixels = new byte[300 * 16];
            new java.util.Random(1).nextBytes(pixels);
            ImageDataset data = ImageDataset.of("tiny", m, pixels, 4, 4, new int[300], List.of("0"), Map.of());
            java.util.function.UnaryOperator<NDArray> logits = x -> x.mul(4).sub(2).flip(3);
            double[] perPixel = {0, 0};
            for (Batch b : data.batches(64, false, 0)) {
                try (b) {
                    NDArray e = Activation.sigmoid(logits.apply(b.x())).sub(b.x()).square();
                    perPixel[0] += e.sum().getFloat() / 16;
                    perPixel[1] += e.sum().getFloat();
                }
            }
            Shown.by(() -> AutoencoderChecks.reconstructionMse(data, logits, () -> perPixel[0] / 300)).passed();
            Shown.by(() -> AutoencoderChecks.reconstructionMse(data, logits, () -> perPixel[1] / 300))
                    .failedWith("summed over the pixels");
            Shown.by(() -> AutoencoderChecks.reconstructionMse(data, logits, Exercise::todo)).notDone();
        }
    }
}
