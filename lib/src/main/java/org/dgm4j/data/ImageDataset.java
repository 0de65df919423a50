package org.dgm4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.NoSuchElementException;
import org.dgm4j.ops.Scalars;

/**
 * A labelled set of grey-scale images held in native memory as one UINT8 tensor (N, H, W) and one INT32
 * label tensor (N), both owned by the data set's own manager (a sub-manager of the one it was created
 * from). Optional named factors (e.g. {@code "angle"} in degrees) give one float per example.
 *
 * <p>Derived data sets ({@link #head}, {@link #subset}, {@link #split}, {@link #resized}, ...) are
 * gathered on the device and get their own sub-manager of the same parent, so closing one never frees
 * another; closing the parent manager frees them all.
 */
public final class ImageDataset implements AutoCloseable {

    private final String name;
    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;
    private final int[] labelArray;
    private final List<String> classNames;
    private final Map<String, float[]> factors;

    private ImageDataset(String name, NDManager manager, NDArray images, NDArray labels, int[] labelArray,
            List<String> classNames, Map<String, float[]> factors) {
        this.name = name;
        this.manager = manager;
        this.images = images;
        this.labels = labels;
        this.labelArray = labelArray;
        this.classNames = classNames;
        this.factors = factors;
    }

    /**
     * A data set from pixels in memory, validated before any native memory is allocated.
     *
     * @param name        shown in messages and plots
     * @param parent      the manager whose sub-manager will own the tensors
     * @param pixels      {@code labels.length} row-major images of {@code height x width} bytes (0..255)
     * @param labels      class index of each image, in {@code 0 .. classNames.size() - 1}
     * @param classNames  display name of each class
     * @param factors     named per-example factors (each of length {@code labels.length}); may be empty
     */
    public static ImageDataset of(String name, NDManager parent, byte[] pixels, int height, int width,
            int[] labels, List<String> classNames, Map<String, float[]> factors) {
        int n = labels.length;
        if (n == 0) {
            throw new IllegalArgumentException(name + ": a data set needs at least one example");
        }
        if (height <= 0 || width <= 0 || (long) n * height * width != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not make " + n
                    + " images of " + height + " x " + width);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new DataException(name + ": label " + labels[i] + " of example " + i + " is outside 0.."
                        + (classNames.size() - 1) + " (" + classNames.size() + " classes)");
            }
        }
        Map<String, float[]> copies = new LinkedHashMap<>();
        factors.forEach((key, values) -> {
            if (values.length != n) {
                throw new IllegalArgumentException(name + ": factor '" + key + "' has " + values.length
                        + " values for " + n + " examples");
            }
            copies.put(key, values.clone());
        });
        NDManager manager = parent.newSubManager();
        try {
            NDArray images = manager.create(ByteBuffer.wrap(pixels), new Shape(n, height, width), DataType.UINT8);
            NDArray labelTensor = manager.create(labels);
            return new ImageDataset(name, manager, images, labelTensor, labels.clone(),
                    List.copyOf(classNames), Collections.unmodifiableMap(copies));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads a pair of IDX files (images, labels). Both are read and checked (magic, size, equal counts,
     * labels in range) before any tensor is created.
     */
    public static ImageDataset fromIdx(String name, NDManager parent, Path imageFile, Path labelFile,
            List<String> classNames) {
        Idx.Images images = Idx.readImages(imageFile);
        int[] labels = Idx.readLabels(labelFile);
        if (images.count() != labels.length) {
            throw new DataException(name + ": " + imageFile.toAbsolutePath() + " holds " + images.count()
                    + " images but " + labelFile.toAbsolutePath() + " holds " + labels.length
                    + " labels. The two files must come from the same split (train-* with train-*, t10k-*"
                    + " with t10k-*); if they do, one is corrupt: delete both and run ./environment/setup.");
        }
        return of(name, parent, images.pixels(), images.rows(), images.cols(), labels, classNames, Map.of());
    }

    /** Name shown in messages and plots. */
    public String name() {
        return name;
    }

    /** Number of examples. */
    public int size() {
        return labelArray.length;
    }

    /** Image height in pixels. */
    public int height() {
        return (int) images.getShape().get(1);
    }

    /** Image width in pixels. */
    public int width() {
        return (int) images.getShape().get(2);
    }

    /** All images, UINT8 (N, H, W), owned by this data set: do not close. */
    public NDArray images() {
        return images;
    }

    /** All labels, INT32 (N), owned by this data set: do not close. */
    public NDArray labels() {
        return labels;
    }

    /** A copy of the labels. */
    public int[] labelArray() {
        return labelArray.clone();
    }

    /** The label of example {@code index}. */
    public int label(int index) {
        return labelArray[index];
    }

    /** Display names of the classes, indexed by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** Names of the per-example factors this data set carries (e.g. {@code "angle"}). */
    public List<String> factorNames() {
        return List.copyOf(factors.keySet());
    }

    /** A copy of the factor {@code key}, one value per example. */
    public float[] factor(String key) {
        float[] values = factors.get(key);
        if (values == null) {
            throw new IllegalArgumentException(name + " has no factor '" + key + "'; it has "
                    + (factors.isEmpty() ? "none" : factors.keySet()));
        }
        return values.clone();
    }

    /** Pixels of example {@code index}, row-major, as floats in [0, 1]. */
    public float[] pixels(int index) {
        checkIndex(index);
        byte[] raw;
        try (NDArray one = images.get(index)) {
            raw = one.toByteArray();
        }
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = (raw[i] & 0xff) / 255f;
        }
        return out;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as float32 (n, 1, H, W) in [0, 1], in {@code m}. */
    public NDArray x(NDManager m, int from, int to) {
        checkRange(from, to);
        try (NDArray raw = images.get(m, new NDIndex(from + ":" + to))) {
            return toFloatImages(raw);
        }
    }

    /** Labels {@code from} (inclusive) to {@code to} (exclusive), INT32, in {@code m}. */
    public NDArray y(NDManager m, int from, int to) {
        checkRange(from, to);
        return labels.get(m, new NDIndex(from + ":" + to));
    }

    /** All images as float32 (N, 1, H, W) in [0, 1], in {@code m} (4 bytes per pixel: mind the size). */
    public NDArray floatImages(NDManager m) {
        return x(m, 0, size());
    }

    /** The examples at {@code indices}, in that order, as a new data set. */
    public ImageDataset select(int[] indices, String newName) {
        if (indices.length == 0) {
            throw new IllegalArgumentException(name + ": cannot select zero examples");
        }
        for (int index : indices) {
            checkIndex(index);
        }
        int[] newLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            newLabels[i] = labelArray[indices[i]];
        }
        Map<String, float[]> newFactors = new LinkedHashMap<>();
        factors.forEach((key, values) -> {
            float[] picked = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                picked[i] = values[indices[i]];
            }
            newFactors.put(key, picked);
        });
        NDManager target = parentManager().newSubManager();
        try (NDManager scratch = target.newSubManager()) {
            NDArray index = scratch.create(indices);
            NDArray newImages = images.get(target, new NDIndex("{}", index));
            NDArray newLabelTensor = labels.get(target, new NDIndex("{}", index));
            return new ImageDataset(newName, target, newImages, newLabelTensor, newLabels, classNames,
                    Collections.unmodifiableMap(newFactors));
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** The first {@code n} examples (all of them when {@code n >= size()}). */
    public ImageDataset head(int n) {
        requirePositive(n);
        int count = Math.min(n, size());
        int[] indices = new int[count];
        Arrays.setAll(indices, i -> i);
        return select(indices, name + " (first " + count + ")");
    }

    /**
     * {@code n} examples drawn at random without replacement (seeded), kept in their original order; all of
     * them when {@code n >= size()}. The same seed always gives the same subset.
     */
    public ImageDataset subset(int n, long seed) {
        requirePositive(n);
        int count = Math.min(n, size());
        int[] indices = Arrays.copyOf(Permutation.of(size(), seed), count);
        Arrays.sort(indices);
        return select(indices, name + " (subset " + count + ", seed " + seed + ")");
    }

    /**
     * A seeded random split into a training part of {@code round(trainFraction * size())} examples and a
     * validation part of the rest, each kept in original order. The same seed always gives the same split.
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be strictly between 0 and 1, got " + trainFraction);
        }
        int trainSize = (int) Math.round(trainFraction * size());
        if (trainSize == 0 || trainSize == size()) {
            throw new IllegalArgumentException(name + ": a split with fraction " + trainFraction + " of "
                    + size() + " examples leaves one part empty");
        }
        int[] order = Permutation.of(size(), seed);
        int[] train = Arrays.copyOfRange(order, 0, trainSize);
        int[] validation = Arrays.copyOfRange(order, trainSize, order.length);
        Arrays.sort(train);
        Arrays.sort(validation);
        String how = " split " + trainFraction + ", seed " + seed + ")";
        ImageDataset trainPart = select(train, name + " (train" + how);
        try {
            return new Split(trainPart, select(validation, name + " (validation" + how));
        } catch (RuntimeException e) {
            trainPart.close();
            throw e;
        }
    }

    /**
     * Mini-batches over the whole data set, the last one possibly smaller. Each batch is gathered from the
     * image tensor with an index array (no Java copy of pixels) into a fresh sub-manager of this data set's
     * manager: close every batch (try-with-resources) to free it. With {@code shuffle} the order is a
     * permutation fixed by {@code seed}; pass a different seed per epoch (e.g. {@code seed + epoch}) for a
     * different order. Every call to {@code iterator()} replays the same order.
     */
    public Iterable<Batch> batches(int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        return () -> new BatchIterator(batchSize, shuffle ? Permutation.of(size(), seed) : null);
    }

    /** Number of batches {@link #batches} yields for {@code batchSize}. */
    public int batchCount(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }

    /**
     * All images resized to {@code size x size} with bilinear interpolation (see {@link Bilinear#resize}),
     * as a new data set with the same labels and factors.
     */
    public ImageDataset resized(int size) {
        byte[] resized = Bilinear.resize(images.toByteArray(), size(), height(), width(), size, size);
        return of(name + " " + size + "x" + size, parentManager(), resized, size, size, labelArray, classNames,
                factors);
    }

    /**
     * {@code derive} applied to this data set, which is then closed: the leak-free way to keep only a derived
     * set (a subset, a split, a resized or rotated copy) of one that nothing else uses, e.g.
     * {@code Mnist.test(manager).into(Examples::firstOfEachClass)}. Derived sets own their tensors, so the
     * result survives; if {@code derive} returns this data set itself, it is not closed.
     */
    public <T> T into(Function<ImageDataset, T> derive) {
        T result;
        try {
            result = derive.apply(this);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (result != this) {
            close();
        }
        return result;
    }

    /** Frees this data set's tensors (not those of data sets derived from it). */
    @Override
    public void close() {
        manager.close();
    }

    /** Name, size, image size, classes and factors; derived sets' names say how they were derived (and seeds). */
    @Override
    public String toString() {
        return name + ": " + size() + " images " + height() + "x" + width() + ", " + numClasses() + " classes"
                + (factors.isEmpty() ? "" : ", factors " + factors.keySet());
    }

    /** The manager that owns this data set's tensors (batches are its sub-managers). */
    NDManager manager() {
        return manager;
    }

    /** The manager that derived data sets get their sub-managers from. */
    NDManager parentManager() {
        NDManager parent = manager.getParentManager();
        return parent != null ? parent : manager;
    }

    private static NDArray toFloatImages(NDArray raw) {
        Shape s = raw.getShape();
        try (NDArray asFloat = raw.toType(DataType.FLOAT32, false)) {
            return Scalars.div(asFloat, 255).reshape(s.get(0), 1, s.get(1), s.get(2));
        }
    }

    private static void requirePositive(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("the number of examples must be positive, got " + n);
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(name + ": index " + index + " outside 0.." + (size() - 1));
        }
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IndexOutOfBoundsException(name + ": range " + from + ".." + to + " is not a non-empty part of 0.."
                    + size());
        }
    }

    private final class BatchIterator implements Iterator<Batch> {

        private final int batchSize;
        private final int[] order;
        private int next;

        BatchIterator(int batchSize, int[] order) {
            this.batchSize = batchSize;
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            return next < size();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int from = next;
            int to = Math.min(from + batchSize, size());
            next = to;
            NDManager sub = manager.newSubManager();
            try {
                NDArray x;
                NDArray y;
                if (order == null) {
                    x = x(sub, from, to);
                    y = y(sub, from, to);
                } else {
                    NDArray index = sub.create(Arrays.copyOfRange(order, from, to));
                    NDIndex pick = new NDIndex("{}", index);
                    try (NDArray raw = images.get(sub, pick)) {
                        x = toFloatImages(raw);
                    }
                    y = labels.get(sub, pick);
                    index.close();
                }
                return new Batch(sub, x, y);
            } catch (RuntimeException e) {
                sub.close();
                throw e;
            }
        }
    }
}
