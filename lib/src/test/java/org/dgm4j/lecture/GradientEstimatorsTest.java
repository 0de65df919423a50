package org.dgm4j.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class GradientEstimatorsTest {

    private final GradientEstimators est = GradientEstimators.forSquare(1.0, 1.0);

    @Test
    void closedFormVariancesMatchHandComputedValues() {
        assertEquals(2.0, est.exactGradient(), 0);
        assertEquals(4.0, est.reparameterisedVariance(), 1e-12);
        assertEquals(30.0, est.scoreFunctionVariance(), 1e-12);
        GradientEstimators other = GradientEstimators.forSquare(0.5, 2.0);
        assertEquals(16.0, other.reparameterisedVariance(), 1e-12);
        assertEquals((0.0625 + 18 * 0.25 * 4 + 15 * 16) / 4 - 1, other.scoreFunctionVariance(), 1e-12);
    }

    @Test
    void bothEstimatorsAreUnbiasedWithTheirClosedFormVariance() {
        int repeats = 20_000;
        double[] r = est.reparameterised(1, repeats, 7);
        double[] s = est.scoreFunction(1, repeats, 8);
        // standard errors of the means: sqrt(4/20000) = 0.014 and sqrt(30/20000) = 0.039
        assertEquals(2.0, GradientEstimators.mean(r), 0.06);
        assertEquals(2.0, GradientEstimators.mean(s), 0.16);
        double vr = Math.pow(GradientEstimators.std(r), 2);
        double vs = Math.pow(GradientEstimators.std(s), 2);
        assertEquals(4.0, vr, 0.25);
        // the score estimate has heavy tails (a degree-3 polynomial of a Gaussian): wider tolerance
        assertEquals(30.0, vs, 6.0);
    }

    @Test
    void spreadShrinksAsOneOverRootSamplesAndReparameterisationWins() {
        Table t = est.compare(new int[] {1, 100}, 2_000, 3);
        double r1 = t.doubleColumn("reparam std").get(0);
        double r100 = t.doubleColumn("reparam std").get(1);
        double s1 = t.doubleColumn("score std").get(0);
        double s100 = t.doubleColumn("score std").get(1);
        assertEquals(10.0, r1 / r100, 1.5);
        assertEquals(10.0, s1 / s100, 3.0);
        assertEquals(Math.sqrt(0.04), r100, 0.03);
        assertTrue(s100 > 2 * r100, "score " + s100 + " vs reparam " + r100);
        assertEquals(2.0, t.doubleColumn("reparam mean").get(1), 0.02);
    }

    @Test
    void badArgumentsAreRejectedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> GradientEstimators.forSquare(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> est.scoreFunction(0, 10, 1));
        assertTrue(e.getMessage().contains("samples"));
        assertThrows(IllegalArgumentException.class, () -> est.compare(new int[0], 10, 1));
    }
}
