package org.dgm4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Permutation;
import org.dgm4j.train.BatchSource;

/**
 * A data set of latent codes held as one tensor (N, D), with the labels of the images they encode: the
 * first stage runs once over the images ({@link #encode}), and every epoch of the second stage reads
 * codes only. As a {@link BatchSource} it yields batches whose {@code x} is (B, D).
 */
public final class LatentDataset implements BatchSource, AutoCloseable {

    private final NDManager manager;
    private final NDArray codes;
    private final NDArray labels;
    private final String description;

    /**
     * Wraps {@code codes} (N, D) and {@code labels} (N) already attached to {@code manager}, which this data set
     * then owns. {@code description} must identify the contents (it goes into checkpoint keys).
     */
    public LatentDataset(NDManager manager, NDArray codes, NDArray labels, String description) {
        Shape s = codes.getShape();
        if (s.dimension() != 2 || s.get(0) < 1) {
            throw new IllegalArgumentException("expected codes (N >= 1, D), got " + s);
        }
        if (labels.getShape().dimension() != 1 || labels.getShape().get(0) != s.get(0)) {
            throw new IllegalArgumentException("expected one label per code (" + s.get(0) + "), got labels "
                    + labels.getShape());
        }
        this.manager = manager;
        this.codes = codes;
        this.labels = labels.toType(DataType.INT32, false);
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Encodes every image of {@code data} once with {@code codec} (scaled codes) into a data set in a
     * sub-manager of {@code parent}. {@code firstStage} names the trained first stage (its cache name),
     * for the description.
     */
    public static LatentDataset encode(LatentCodec codec, ImageDataset data, String firstStage, NDManager parent) {
        NDManager own = parent.newSubManager();
        try {
            NDArray codes = codec.encode(data, own);
            NDArray labels = own.create(data.labelArray());
            return new LatentDataset(own, codes, labels, "latents of " + data + " by " + firstStage + ", " + codec);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** The codes (N, D). */
    public NDArray codes() {
        return codes;
    }

    /** The labels (N), int32. */
    public NDArray labels() {
        return labels;
    }

    /** The latent size D. */
    public int latentDim() {
        return (int) codes.getShape().get(1);
    }

    @Override
    public long size() {
        return codes.getShape().get(0);
    }

    @Override
    public Shape imageShape() {
        return new Shape(latentDim());
    }

    @Override
    public String describe() {
        return description;
    }

    /** Batches of (B, D) codes and their labels, each in its own sub-manager; shuffled by {@code seed} if asked. */
    @Override
    public Iterable<Batch> batches(int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        int n = (int) size();
        return () -> new Iterator<>() {
            private final int[] order = shuffle ? Permutation.of(n, seed) : null;
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next;
                int to = Math.min(from + batchSize, n);
                next = to;
                NDManager sub = manager.newSubManager();
                try {
                    NDIndex pick;
                    if (order == null) {
                        pick = new NDIndex("{}:{}", from, to);
                    } else {
                        int[] rows = new int[to - from];
                        System.arraycopy(order, from, rows, 0, rows.length);
                        pick = new NDIndex("{}", sub.create(rows));
                    }
                    return new Batch(sub, codes.get(sub, pick), labels.get(sub, pick));
                } catch (RuntimeException e) {
                    sub.close();
                    throw e;
                }
            }
        };
    }

    /** Frees the codes and labels. */
    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return description + ": " + size() + " codes of size " + latentDim();
    }
}
