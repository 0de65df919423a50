package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void cosineWarmsUpLinearlyThenReachesZeroOnTheLastStep() {
        // The loop calls factor with the 0-based step, so the last of 111 steps is step 110.
        LearningRateSchedule s = LearningRateSchedule.cosine(10);
        assertEquals(0.1, s.factor(0, 111), 1e-12);
        assertEquals(1.0, s.factor(9, 111), 1e-12);
        assertEquals(1.0, s.factor(10, 111), 1e-12);
        assertEquals(0.5, s.factor(60, 111), 1e-12);
        assertEquals(0.0, s.factor(110, 111), 1e-12);
        assertEquals(0.0, LearningRateSchedule.cosine(0).factor(99, 100), 1e-12);
        assertEquals("cosine(warmup=10)", s.describe());
    }

    @Test
    void warmupAndConstant() {
        LearningRateSchedule w = LearningRateSchedule.warmup(4);
        assertEquals(0.25, w.factor(0, 100), 1e-12);
        assertEquals(1.0, w.factor(3, 100), 1e-12);
        assertEquals(1.0, w.factor(50, 100), 1e-12);
        assertEquals(1.0, LearningRateSchedule.constant().factor(7, 10), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmup(0));
    }
}
