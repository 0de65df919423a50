package org.dgm4j.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.junit.jupiter.api.Test;

class LatentDatasetTest {

    @Test
    void shuffledBatchesVisitEveryCodeOnceWithItsLabel() {
        int n = 10;
        float[] codes = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            codes[2 * i] = i;
            codes[2 * i + 1] = -i;
            labels[i] = 100 + i;
        }
        try (NDManager m = Engines.newManager()) {
            NDManager own = m.newSubManager();
            try (LatentDataset data = new LatentDataset(own, own.create(codes).reshape(n, 2), own.create(labels), "test codes")) {
                assertEquals(new Shape(2), data.imageShape());
                assertEquals(n, data.size());
                List<Integer> seen = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                for (Batch b : data.batches(4, true, 5)) {
                    try (b) {
                        sizes.add(b.size());
                        float[] x = b.x().toFloatArray();
                        int[] y = b.y().toIntArray();
                        for (int r = 0; r < b.size(); r++) {
                            int i = (int) x[2 * r];
                            assertEquals(-i, x[2 * r + 1]);
                            assertEquals(100 + i, y[r]);
                            seen.add(i);
                        }
                    }
                }
                assertEquals(List.of(4, 4, 2), sizes);
                int[] order = seen.stream().mapToInt(Integer::intValue).toArray();
                assertNotEquals(Arrays.toString(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), Arrays.toString(order));
                Arrays.sort(order);
                assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, order);
            }
        }
    }

    @Test
    void badInputIsNamed() {
        try (NDManager m = Engines.newManager()) {
            IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                    () -> new LatentDataset(m, m.zeros(new Shape(3, 2)), m.create(new int[] {1, 2}), "x"));
            assertEquals("expected one label per code (3), got labels (2)", labels.getMessage());
            IllegalArgumentException images = assertThrows(IllegalArgumentException.class,
                    () -> new LatentDataset(m, m.zeros(new Shape(3, 1, 2, 2)), m.create(new int[] {1, 2, 3}), "x"));
            assertEquals("expected codes (N >= 1, D), got (3, 1, 2, 2)", images.getMessage());
        }
    }
}
