package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConditionalChecksTest {

    @Test
    void guidance() {
        Shown.by(() -> ConditionalChecks.guidance((c, u, w) -> c.mul(1 + w).sub(u.mul(w)))).passed();
        Shown.by(() -> ConditionalChecks.guidance((c, u, w) -> u.add(c.sub(u).mul(w)))).failedWith("s = 1 + w");
        Shown.by(() -> ConditionalChecks.guidance((c, u, w) -> c.mul(1 + w).add(u.mul(w)))).failedWith("sign");
        Shown.by(() -> ConditionalChecks.guidance((c, u, w) -> Exercise.todo())).notDone();
    }

    static NDArray repaint(NDArray xPrev, NDArray x0, NDArray mask, NDArray eps, double a) {
        NDArray known = x0.mul(Math.sqrt(a)).add(eps.mul(Math.sqrt(1 - a)));
        return known.mul(mask).add(xPrev.mul(mask.neg().add(1)));
    }

    @Test
    void reimpose() {
        Shown.by(() -> ConditionalChecks.reimpose(ConditionalChecksTest::repaint)).passed();
        Shown.by(() -> ConditionalChecks.reimpose((x, x0, m, e, a) -> repaint(x, x0, m.neg().add(1), e, a)))
                .failedWith("mask is inverted");
        Shown.by(() -> ConditionalChecks.reimpose((x, x0, m, e, a) -> repaint(x, x0, m, e, 1))).failedWith("noised to step t − 1");
    }

    static int[] drop(int[] labels, double p, Random random, boolean keepWithP) {
        int[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if ((random.nextDouble() < p) != keepWithP) {
                out[i] = ConditionalChecks.NULL_LABEL;
            }
        }
        return out;
    }

    @Test
    void labelDropout() {
        Shown.by(() -> ConditionalChecks.labelDropout((y, p, r) -> drop(y, p, r, false), 10_000)).passed();
        Shown.by(() -> ConditionalChecks.labelDropout((y, p, r) -> drop(y, p, r, true), 10_000)).failedWith("share kept");
        Shown.by(() -> ConditionalChecks.labelDropout((y, p, r) -> {
            int[] out = drop(y, p, r, false);
            out[0] = -1;
            return out;
        }, 10_000)).failedWith("each either unchanged");
    }
}
