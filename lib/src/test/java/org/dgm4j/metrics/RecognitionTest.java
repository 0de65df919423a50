package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** The label and confidence shares against a stand-in classifier whose answers are known. */
class RecognitionTest {

    @Test
    void sharesCountAgreementsAndConfidentAnswersOnResizedImages() {
        try (NDManager manager = Engines.newManager()) {
            List<Shape> seen = new ArrayList<>();
            // image i answers class i mod 10 with probability 0.95 for even i, 0.5 for odd i
            UnaryOperator<NDArray> probabilities = images -> {
                seen.add(images.getShape());
                int n = (int) images.getShape().get(0);
                float[] p = new float[n * 10];
                for (int i = 0; i < n; i++) {
                    float top = i % 2 == 0 ? 0.95f : 0.5f;
                    java.util.Arrays.fill(p, i * 10, i * 10 + 10, (1 - top) / 9);
                    p[i * 10 + i % 10] = top;
                }
                return manager.create(p, new Shape(n, 10));
            };
            NDArray images = manager.zeros(new Shape(4, 1, 32, 32));
            assertEquals(0.5, Recognition.labelShare(probabilities, images, new int[] {0, 1, 9, 9}), 1e-12);
            assertEquals(0.5, Recognition.confidentShare(probabilities, images), 1e-12);
            assertTrue(seen.stream().allMatch(s -> s.equals(new Shape(4, 1, 28, 28))), "resized to 28×28: " + seen);
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> Recognition.labelShare(probabilities, images, new int[3])).getMessage().contains("3 labels for 4 images"));
        }
    }
}
