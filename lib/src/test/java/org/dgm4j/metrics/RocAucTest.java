package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {

    /** Pairwise definition: P(anomaly > normal) + ½ P(tie), by brute force. */
    private static double bruteForce(double[] normal, double[] anomaly) {
        double wins = 0;
        for (double a : anomaly) {
            for (double b : normal) {
                wins += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return wins / ((double) normal.length * anomaly.length);
    }

    @Test
    void matchesBruteForcePairCountingWithManyTies() {
        Random r = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] normal = new double[1 + r.nextInt(200)];
            double[] anomaly = new double[1 + r.nextInt(200)];
            for (int i = 0; i < normal.length; i++) {
                normal[i] = r.nextInt(8); // few distinct values: many ties within and across groups
            }
            for (int i = 0; i < anomaly.length; i++) {
                anomaly[i] = r.nextInt(8) + (trial % 3);
            }
            assertEquals(bruteForce(normal, anomaly), RocAuc.of(normal, anomaly), 1e-12);
        }
    }

    @Test
    void perfectChanceAndReversedScores() {
        double[] low = {0.1, 0.2, 0.3};
        double[] high = {0.4, 0.5, 0.6, 0.7};
        assertEquals(1.0, RocAuc.of(low, high), 0);
        assertEquals(0.0, RocAuc.of(high, low), 0);
        double[] same = {0.5, 0.5, 0.5};
        assertEquals(0.5, RocAuc.of(same, same), 0);
        double[] s = {1, 2, 3, 4};
        assertEquals(0.5, RocAuc.of(s, s.clone()), 1e-12, "identical score sets");
        assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.9, 0.2}, new boolean[] {false, true, false}), 0);
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[0], high));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[] {Double.NaN}, high));
    }
}
