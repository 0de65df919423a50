package org.dgm4j.data;

import ai.djl.ndarray.NDManager;
import java.util.List;

/** Zalando's Fashion-MNIST (60,000 training and 10,000 test images, 28x28), from {@code <data>/fashion-mnist/}. */
public final class FashionMnist {

    /** Folder of the files under the data root. */
    public static final String FOLDER = "fashion-mnist";
    /** Class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    /** The 60,000 training images, owned by a sub-manager of {@code manager}. */
    public static ImageDataset train(NDManager manager) {
        return Mnist.load("Fashion-MNIST train", FOLDER, "train", CLASS_NAMES, manager);
    }

    /** The 10,000 test images, owned by a sub-manager of {@code manager}. */
    public static ImageDataset test(NDManager manager) {
        return Mnist.load("Fashion-MNIST test", FOLDER, "t10k", CLASS_NAMES, manager);
    }

    /** {@code n} training images drawn with {@code seed}, exactly {@code train(manager).subset(n, seed)}; the full set is closed. */
    public static ImageDataset train(NDManager manager, int n, long seed) {
        return train(manager).into(all -> all.subset(n, seed));
    }

    /** {@code n} test images drawn with {@code seed}, exactly {@code test(manager).subset(n, seed)}; the full set is closed. */
    public static ImageDataset test(NDManager manager, int n, long seed) {
        return test(manager).into(all -> all.subset(n, seed));
    }
}
