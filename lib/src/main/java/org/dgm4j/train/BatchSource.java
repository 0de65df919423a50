package org.dgm4j.train;

import ai.djl.ndarray.types.Shape;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;

/**
 * What the fit loop trains on: a sized collection of images that yields mini-batches. Each
 * {@link Batch} owns a sub-manager; the loop closes it after the step.
 */
public interface BatchSource {

    /** Mini-batches of {@code batchSize} (the last may be smaller), shuffled by {@code seed} if asked. */
    Iterable<Batch> batches(int batchSize, boolean shuffle, long seed);

    /** Number of images. */
    long size();

    /** Shape of one image, (C, H, W). */
    Shape imageShape();

    /**
     * A stable description of the contents (data set, split, subset size and seed, transforms), used
     * in checkpoint keys: two sources with the same description must hold the same images.
     */
    String describe();

    /** An {@link ImageDataset} as a batch source; its description is its {@code toString()}. */
    static BatchSource of(ImageDataset data) {
        return new BatchSource() {
            @Override
            public Iterable<Batch> batches(int batchSize, boolean shuffle, long seed) {
                return data.batches(batchSize, shuffle, seed);
            }

            @Override
            public long size() {
                return data.size();
            }

            @Override
            public Shape imageShape() {
                return new Shape(1, data.height(), data.width());
            }

            @Override
            public String describe() {
                return data.toString();
            }
        };
    }
}
