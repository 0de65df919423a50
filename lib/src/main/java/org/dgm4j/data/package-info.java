/**
 * Data sets of the course: MNIST and Fashion-MNIST read from IDX files ({@link org.dgm4j.data.Idx},
 * {@link org.dgm4j.data.DataPaths}), held as one UINT8 tensor per set ({@link org.dgm4j.data.ImageDataset}),
 * with seeded subsets and splits, leak-free mini-batches ({@link org.dgm4j.data.Batch}), bilinear
 * resizing and Rotated-MNIST ({@link org.dgm4j.data.RotatedMnist}).
 *
 * <pre>{@code
 * try (NDManager m = Engines.newManager()) {
 *     ImageDataset train = Mnist.train(m, 10_000, 1); // = Mnist.train(m).subset(10_000, 1), full set closed
 *     ImageDataset digits = Mnist.test(m).into(Examples::firstOfEachClass); // derive, then close the source
 *     Split parts = train.split(0.9, 1);
 *     for (Batch batch : parts.train().batches(128, true, epoch)) {
 *         try (batch) { ... batch.x() is float32 (B, 1, 28, 28) in [0, 1] ... }
 *     }
 * }
 * }</pre>
 */
package org.dgm4j.data;
