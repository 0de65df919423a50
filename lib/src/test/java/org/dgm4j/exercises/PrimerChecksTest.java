package org.dgm4j.exercises;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;
import org.junit.jupiter.api.Test;

class PrimerChecksTest {

    @Test
    void absLossGradient() {
        Shown.by(() -> PrimerChecks.absLossGradient((x, w, y) -> x.transpose().matMul(x.matMul(w).sub(y).sign()))).passed();
        Shown.by(() -> PrimerChecks.absLossGradient((x, w, y) -> x.transpose().matMul(y.sub(x.matMul(w)).sign())))
                .failedWith("sign is flipped");
        Shown.by(() -> PrimerChecks.absLossGradient((x, w, y) -> x.transpose().matMul(x.matMul(w).sub(y)).mul(2)))
                .failedWith("squared loss");
        Shown.by(() -> PrimerChecks.absLossGradient((x, w, y) -> Exercise.todo())).notDone();
    }

    @Test
    void meanImage() {
        Shown.by(() -> PrimerChecks.meanImage(b -> b.mean(new int[] {0}))).passed();
        Shown.by(() -> PrimerChecks.meanImage(b -> b.reshape(b.getShape().get(0), -1).mean(new int[] {1}))).failedWith("wrong axis");
        Shown.by(() -> PrimerChecks.meanImage(b -> b.mean(new int[] {1, 2, 3}))).failedWith("reshape to (B, −1)");
        Shown.by(() -> PrimerChecks.meanImage(b -> b.sum(new int[] {0}))).failedWith("sum over the batch");
    }

    @Test
    void inkPerClass() {
        try (NDManager m = Engines.newManager()) {
            byte[] pixels = new byte[6 * 4];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (i * 37 % 256);
            }
            int[] labels = {0, 1, 2, 1, 0, 2};
            ImageDataset data = ImageDataset.of("tiny", m, pixels, 2, 2, labels, List.of("a", "b", "c"), Map.of());
            double[] byHand = new double[3];
            double[] sums = new double[3];
            for (int i = 0; i < 6; i++) {
                double ink = 0;
                for (int k = 0; k < 4; k++) {
                    ink += (pixels[i * 4 + k] & 0xff) / 255.0 / 4;
                }
                byHand[labels[i]] += ink / 2; // two images per class
                sums[labels[i]] += ink * 4;
            }
            Shown.by(() -> PrimerChecks.inkPerClass(data, () -> byHand)).passed();
            Shown.by(() -> PrimerChecks.inkPerClass(data, () -> new double[] {sums[0] / 2, sums[1] / 2, sums[2] / 2}))
                    .failedWith("summed the pixels");
            Shown.by(() -> PrimerChecks.inkPerClass(data, () -> null)).notDone();
        }
    }

}
