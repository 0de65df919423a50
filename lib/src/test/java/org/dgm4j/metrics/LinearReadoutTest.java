package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The held-out R² of a linear read-out against cases whose answer is known in closed form. */
class LinearReadoutTest {

    private static float[][] gaussianCodes(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] z = new float[n][d];
        for (float[] row : z) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return z;
    }

    @Test
    void anExactlyLinearFactorSpreadOverSeveralLatentsHasRSquaredOne() {
        float[][] z = gaussianCodes(400, 5, 1);
        double[] y = new double[400];
        for (int i = 0; i < 400; i++) {
            y[i] = 0.5 * z[i][0] - 2 * z[i][3] + z[i][4] + 7;   // no single latent carries it
        }
        assertEquals(1.0, LinearReadout.heldOutR2(z, LinearReadout.column(y), 0.5), 1e-6);
    }

    @Test
    void noiseExplainsAKnownShareOfTheVariance() {
        // y = z0 + noise with Var(z0) = 1 and Var(noise) = 1: R² = 1/2 up to sampling error.
        float[][] z = gaussianCodes(20_000, 3, 2);
        Random r = new Random(3);
        double[] y = new double[z.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = z[i][0] + r.nextGaussian();
        }
        assertEquals(0.5, LinearReadout.heldOutR2(z, LinearReadout.column(y), 0.5), 0.02);
    }

    @Test
    void anUnrelatedFactorScoresNearZeroOnHeldOutData() {
        float[][] z = gaussianCodes(2_000, 10, 4);
        Random r = new Random(5);
        double[] y = new double[z.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextGaussian();
        }
        double r2 = LinearReadout.heldOutR2(z, LinearReadout.column(y), 0.5);
        assertTrue(r2 < 0.02 && r2 > -0.05, "R² of noise " + r2);
    }

    @Test
    void theDoubleAngleIsReadFromAnEncodingOfCosAndSin() {
        double[] theta = new double[300];
        float[][] z = new float[300][];
        Random r = new Random(6);
        for (int i = 0; i < 300; i++) {
            theta[i] = -90 + 180 * r.nextDouble();
            double a = Math.toRadians(2 * theta[i]);
            z[i] = new float[] {(float) (3 * Math.cos(a) + 1), (float) Math.sin(a), (float) r.nextGaussian()};
        }
        assertEquals(1.0, LinearReadout.heldOutR2(z, LinearReadout.doubleAngle(theta), 0.5), 1e-5);
        // the same code read for the signed angle: sin 2θ is not linear in θ, so R² < 1
        assertTrue(LinearReadout.heldOutR2(z, LinearReadout.column(theta), 0.5) < 0.9);
        double[][] both = LinearReadout.doubleAngle(new double[] {90, -90, 45});
        assertEquals(both[0][0], both[1][0], 1e-12, "±90° are the same point of the double-angle circle");
        assertEquals(1.0, both[2][1], 1e-12);
    }

    @Test
    void aFactorWrittenInADifferentDirectionPerGroupNeedsOneMapPerGroup() {
        // y = +z0 in group 0 and −z0 in group 1: one pooled map sees nothing, one map per group reads it exactly
        float[][] z = gaussianCodes(2_000, 4, 8);
        int[] group = new int[z.length];
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            group[i] = i % 2;
            y[i] = group[i] == 0 ? z[i][0] : -z[i][0];
        }
        assertTrue(LinearReadout.heldOutR2(z, LinearReadout.column(y), 0.5) < 0.05);
        assertEquals(1.0, LinearReadout.heldOutR2(z, LinearReadout.column(y), group, 0.5), 1e-6);
        int[] tiny = new int[z.length];
        tiny[0] = 7;
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LinearReadout.heldOutR2(z, LinearReadout.column(y), tiny, 0.5)).getMessage().contains("group 7"));
    }

    @Test
    void badShapesSayWhatIsWrong() {
        float[][] z = gaussianCodes(10, 4, 7);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LinearReadout.heldOutR2(z, LinearReadout.column(new double[9]), 0.5)).getMessage().contains("10 vs 9"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LinearReadout.heldOutR2(z, LinearReadout.column(new double[10]), 0.5)).getMessage().contains("training rows"));
        assertThrows(IllegalArgumentException.class, () -> LinearReadout.heldOutR2(z, LinearReadout.column(new double[10]), 1.0));
    }

    @Test
    void aReadOutFittedOnATrainingSetIsScoredOnASeparateTestSet() {
        // y = z0 − 2 z1 + noise of variance 1 over a signal of variance 5: R² on fresh data is 5/6
        float[][] train = gaussianCodes(20_000, 3, 11);
        float[][] test = gaussianCodes(20_000, 3, 12);
        Random noise = new Random(13);
        double[] yTrain = new double[train.length];
        double[] yTest = new double[test.length];
        for (int i = 0; i < train.length; i++) {
            yTrain[i] = train[i][0] - 2 * train[i][1] + noise.nextGaussian();
            yTest[i] = test[i][0] - 2 * test[i][1] + noise.nextGaussian();
        }
        assertEquals(5.0 / 6, LinearReadout.r2(train, LinearReadout.column(yTrain), test, LinearReadout.column(yTest)), 0.01);
        // the map is fitted on the training rows only: a test set whose relation is reversed scores far below 0
        double[] reversed = java.util.Arrays.stream(yTest).map(v -> -v).toArray();
        assertTrue(LinearReadout.r2(train, LinearReadout.column(yTrain), test, LinearReadout.column(reversed)) < -2);
    }

    @Test
    void oneMapPerGroupFittedOnTrainingRowsReadsTheTestRows() {
        float[][] train = gaussianCodes(2_000, 4, 21);
        float[][] test = gaussianCodes(500, 4, 22);
        int[] gTrain = new int[train.length];
        int[] gTest = new int[test.length];
        double[] yTrain = new double[train.length];
        double[] yTest = new double[test.length];
        for (int i = 0; i < train.length; i++) {
            gTrain[i] = i % 3;
            yTrain[i] = (gTrain[i] - 1) * train[i][2];
        }
        for (int i = 0; i < test.length; i++) {
            gTest[i] = (i + 1) % 3;
            yTest[i] = (gTest[i] - 1) * test[i][2];
        }
        assertTrue(LinearReadout.r2(train, LinearReadout.column(yTrain), test, LinearReadout.column(yTest)) < 0.05);
        assertEquals(1.0, LinearReadout.r2(train, LinearReadout.column(yTrain), gTrain, test, LinearReadout.column(yTest), gTest), 1e-6);
        int[] unseen = gTest.clone();
        unseen[4] = 9;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinearReadout.r2(train, LinearReadout.column(yTrain),
                gTrain, test, LinearReadout.column(yTest), unseen)).getMessage().contains("group 9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinearReadout.r2(train, LinearReadout.column(yTrain),
                test, LinearReadout.column(new double[3]))).getMessage().contains("500 vs 3"));
    }
}
