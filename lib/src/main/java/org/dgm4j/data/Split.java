package org.dgm4j.data;

/** A training part and a validation part of one data set; closing the split closes both. */
public record Split(ImageDataset train, ImageDataset validation) implements AutoCloseable {

    @Override
    public void close() {
        train.close();
        validation.close();
    }
}
