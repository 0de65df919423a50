package org.dgm4j.experiments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import org.dgm4j.Describable;
import org.dgm4j.Profile;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.loss.LossTerms;
import org.dgm4j.loss.Objective;
import org.dgm4j.metrics.MnistClassifier;
import org.dgm4j.metrics.SampleQuality;
import org.dgm4j.train.Fit;
import org.dgm4j.train.LearningRateSchedule;

/**
 * The course's {@link MnistClassifier}: trained on the MNIST training set on first use and reloaded from
 * the checkpoint cache afterwards, and the {@link SampleQuality} set-up built on it.
 */
public final class CourseClassifier {

    /** Cache name of the trained classifier. */
    public static final String CACHE_NAME = "mnist-classifier";

    private CourseClassifier() {}

    /** The classifier trained for {@link MnistClassifier#EPOCHS} epochs (one in the smoke profile). */
    public static MnistClassifier trained(NDManager manager) {
        try (ImageDataset train = Mnist.train(manager); ImageDataset test = Mnist.test(manager)) {
            return train(train, test, Profile.current().pick(1, MnistClassifier.EPOCHS, MnistClassifier.EPOCHS), 1,
                    CACHE_NAME);
        }
    }

    /**
     * Trains a classifier with Adam (lr 1e-3 with cosine decay, batch 128) on {@code train}; {@code validation}
     * may be null; {@code cacheName} null trains without caching.
     */
    public static MnistClassifier train(ImageDataset train, ImageDataset validation, int epochs, long seed,
            String cacheName) {
        SequentialBlock net = MnistClassifier.network();
        Fit fit = Fit.of(net, new CrossEntropy(net)).train(train).validation(validation).epochs(epochs)
                .batchSize(128).learningRate(1e-3).schedule(LearningRateSchedule.cosine(0)).seed(seed);
        if (cacheName != null) {
            fit.cache(cacheName);
        }
        return new MnistClassifier(net, fit.run());
    }

    /** Sample quality as the course measures it: the {@link #trained} classifier, the MNIST test set as reference. */
    public static SampleQuality sampleQuality(NDManager manager) {
        MnistClassifier classifier = trained(manager);
        try (ImageDataset test = Mnist.test(manager)) {
            return new SampleQuality(classifier, test);
        }
    }

    /** Softmax cross-entropy with accuracy as a reported component. */
    private static final class CrossEntropy implements Objective, Describable {
        private final Block net;

        CrossEntropy(Block net) {
            this.net = net;
        }

        @Override
        public LossTerms compute(Batch batch, boolean training, long step) {
            NDManager m = batch.manager();
            NDArray logits = net.forward(new ParameterStore(m, false), new NDList(batch.x()), training).singletonOrThrow();
            NDArray labels = batch.y();
            NDArray nll = logits.logSoftmax(1).mul(labels.oneHot(10)).sum(new int[] {1}).neg().mean();
            NDArray accuracy = logits.argMax(1).toType(labels.getDataType(), false).eq(labels)
                    .toType(DataType.FLOAT32, false).mean();
            return LossTerms.of(nll).with("accuracy", accuracy);
        }

        @Override
        public String describe() {
            return "softmax cross-entropy (LeNet 16-32-" + MnistClassifier.FEATURES + ")";
        }
    }
}
