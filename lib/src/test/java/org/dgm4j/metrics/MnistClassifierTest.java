package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.MnistSubsets;
import org.dgm4j.experiments.CourseClassifier;
import org.dgm4j.train.Progress;
import org.junit.jupiter.api.Test;

/**
 * The LeNet classifier learns from a real MNIST subset in a bounded number of steps, and the
 * sample-quality scores separate real digits from noise. Documented threshold: after 2 epochs over
 * 6,000 training images (94 Adam steps of 128, cosine decay) held-out accuracy is at least 90% (measured
 * 96.5%) and more than 70% of real digits get a confidence ≥ 0.9 (measured 74.9%; uniform noise 0.1%).
 */
class MnistClassifierTest {

    static final double MIN_ACCURACY = 0.90;

    @Test
    void learnsAndScoresRealDigitsAboveNoise() {
        try (MnistSubsets mnist = MnistSubsets.load(6000, 1000)) {
            NDManager m = mnist.manager();
            ImageDataset heldOut = mnist.test();
            MnistClassifier classifier = CourseClassifier.train(mnist.train(), null, 2, 3, null);
            double accuracy = classifier.accuracy(heldOut);
            System.out.println("held-out accuracy after 94 steps: " + accuracy);
            assertTrue(accuracy >= MIN_ACCURACY, "accuracy " + accuracy + " < " + MIN_ACCURACY);

            SampleQuality quality = new SampleQuality(classifier, heldOut);
            SampleQuality.Report real = quality.realFloor(mnist.fullTrain(), 1000, 4);
            NDArray noise = m.randomUniform(0, 1, new Shape(1000, 1, 28, 28));
            SampleQuality.Report random = quality.evaluate("uniform noise", noise);
            System.out.println(real);
            System.out.println(random);
            assertEquals(1000, real.count());
            assertEquals(1000, java.util.Arrays.stream(real.classCounts()).sum());
            assertTrue(real.frechet() * 10 < random.frechet(), "real digits are much closer than noise");
            assertTrue(real.confidentShare() > 0.7, "most real digits are recognised with confidence");
            for (int c = 0; c < 10; c++) {
                assertTrue(real.classShares()[c] > 0.05 && real.classShares()[c] < 0.16, "real classes are balanced");
            }
            try (ImageDataset realSubset = mnist.fullTrain().subset(1000, 4); NDManager scope = m.newSubManager()) {
                int[] found = quality.confidentClassCounts(realSubset.floatImages(scope));
                assertEquals(Math.round(real.confidentShare() * 1000), java.util.Arrays.stream(found).sum(),
                        "the confident counts are the confident share, split by digit");
                assertTrue(java.util.Arrays.stream(found).allMatch(c -> c > 0), "every digit is found among real digits");
            }
            assertTrue(java.util.Arrays.stream(quality.confidentClassCounts(noise)).sum() <= 10, "noise is not recognised");
            assertThrows(IllegalArgumentException.class, () -> quality.evaluate("wrong range", noise.mul(2).sub(1)));
            assertThrows(IllegalArgumentException.class, () -> classifier.features(m.zeros(new Shape(2, 1, 32, 32))));
        }
    }
}
