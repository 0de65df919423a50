package org.dgm4j.data;

import ai.djl.ndarray.NDManager;
import java.util.List;

/** The MNIST hand-written digits (60,000 training and 10,000 test images, 28x28), from {@code <data>/mnist/}. */
public final class Mnist {

    /** Folder of the files under the data root. */
    public static final String FOLDER = "mnist";
    /** Class names: the digits "0" to "9". */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private Mnist() {}

    /** The 60,000 training images, owned by a sub-manager of {@code manager}. */
    public static ImageDataset train(NDManager manager) {
        return load("MNIST train", FOLDER, "train", CLASS_NAMES, manager);
    }

    /** The 10,000 test images, owned by a sub-manager of {@code manager}. */
    public static ImageDataset test(NDManager manager) {
        return load("MNIST test", FOLDER, "t10k", CLASS_NAMES, manager);
    }

    /**
     * {@code n} training images drawn with {@code seed}, exactly {@code train(manager).subset(n, seed)} (same
     * images, same name) but the full set is closed before returning: re-running a notebook cell that
     * calls it leaves no 47 MB behind.
     */
    public static ImageDataset train(NDManager manager, int n, long seed) {
        return train(manager).into(all -> all.subset(n, seed));
    }

    /** {@code n} test images drawn with {@code seed}, exactly {@code test(manager).subset(n, seed)}; the full set is closed. */
    public static ImageDataset test(NDManager manager, int n, long seed) {
        return test(manager).into(all -> all.subset(n, seed));
    }

    /** Loads {@code <folder>/<prefix>-images-idx3-ubyte[.gz]} with its label file. */
    static ImageDataset load(String name, String folder, String prefix, List<String> classNames, NDManager manager) {
        return ImageDataset.fromIdx(name, manager,
                DataPaths.file(folder, prefix + "-images-idx3-ubyte"),
                DataPaths.file(folder, prefix + "-labels-idx1-ubyte"),
                classNames);
    }
}
