package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.dgm4j.data.Batch;

/** Test data: images held as one float array, batches as sub-managers of a caller-owned manager. */
final class TensorSource implements BatchSource {

    private final NDManager manager;
    private final float[] pixels;
    private final Shape imageShape;
    private final int n;
    private final String name;

    TensorSource(NDManager manager, float[] pixels, Shape imageShape, String name) {
        this.manager = manager;
        this.pixels = pixels;
        this.imageShape = imageShape;
        this.n = (int) (pixels.length / imageShape.size());
        this.name = name;
    }

    /** {@code n} random binary-ish "images" of 1x8x8 with a few fixed patterns plus noise. */
    static TensorSource patterns(NDManager manager, int n, long seed) {
        Random r = new Random(seed);
        int d = 64;
        float[] px = new float[n * d];
        for (int i = 0; i < n; i++) {
            int pattern = r.nextInt(4);
            for (int j = 0; j < d; j++) {
                int row = j / 8;
                int col = j % 8;
                boolean on = pattern == 0 ? row < 4 : pattern == 1 ? col < 4 : pattern == 2 ? row == col : (row + col) % 2 == 0;
                px[i * d + j] = on ? 0.9f - 0.1f * r.nextFloat() : 0.1f * r.nextFloat();
            }
        }
        return new TensorSource(manager, px, new Shape(1, 8, 8), "patterns(n=" + n + ",seed=" + seed + ")");
    }

    @Override
    public Iterable<Batch> batches(int batchSize, boolean shuffle, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        if (shuffle) {
            Collections.shuffle(order, new Random(seed));
        }
        int d = (int) imageShape.size();
        return () -> new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int b = Math.min(batchSize, n - next);
                float[] x = new float[b * d];
                int[] y = new int[b];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(pixels, order.get(next + i) * d, x, i * d, d);
                }
                next += b;
                NDManager sub = manager.newSubManager();
                NDArray xs = sub.create(x, new Shape(b).addAll(imageShape));
                NDArray ys = sub.create(y).toType(DataType.INT32, false);
                return new Batch(sub, xs, ys);
            }
        };
    }

    @Override
    public long size() {
        return n;
    }

    @Override
    public Shape imageShape() {
        return imageShape;
    }

    @Override
    public String describe() {
        return name;
    }
}
