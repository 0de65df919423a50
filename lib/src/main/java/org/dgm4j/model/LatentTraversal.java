package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Latent traversals: decode codes in which one latent dimension takes each of several values while all
 * other dimensions stay at a base point (a prior sample or the encoding of an image).
 */
public final class LatentTraversal {

    private LatentTraversal() {}

    /**
     * Codes (n·dims.length·values.length, d) for {@code bases} (n, d): row {@code (b·dims.length + i)·values.length + j}
     * is base {@code b} with dimension {@code dims[i]} set to {@code values[j]}, in {@code manager}.
     */
    public static NDArray codes(NDManager manager, float[][] bases, int[] dims, double[] values) {
        if (bases.length == 0 || dims.length == 0 || values.length == 0) {
            throw new IllegalArgumentException("A traversal needs at least one base point, dimension and value, got "
                    + bases.length + ", " + dims.length + " and " + values.length);
        }
        int d = bases[0].length;
        for (int dim : dims) {
            if (dim < 0 || dim >= d) {
                throw new IllegalArgumentException("Latent dimension " + dim + " is outside 0.." + (d - 1));
            }
        }
        float[] out = new float[bases.length * dims.length * values.length * d];
        int row = 0;
        for (float[] base : bases) {
            if (base.length != d) {
                throw new IllegalArgumentException("All base points need " + d + " dimensions, got " + base.length);
            }
            for (int dim : dims) {
                for (double v : values) {
                    System.arraycopy(base, 0, out, row * d, d);
                    out[row * d + dim] = (float) v;
                    row++;
                }
            }
        }
        return manager.create(out, new Shape(row, d));
    }

    /**
     * Decoded images (rows of {@link #codes}, C, H, W) in [0, 1]: the sigmoid of {@code vae}'s logits, in
     * {@code manager}.
     */
    public static NDArray images(Vae vae, NDManager manager, float[][] bases, int[] dims, double[] values) {
        if (bases.length > 0 && bases[0].length != vae.latentDim()) {
            throw new IllegalArgumentException("Base points have " + bases[0].length + " dimensions but the VAE's latent has "
                    + vae.latentDim());
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray images = Activation.sigmoid(vae.decode(codes(scratch, bases, dims, values)));
            images.attach(manager);
            return images;
        }
    }

    /** The rows of a (n, d) array, e.g. posterior means, as base points. */
    public static float[][] rows(NDArray points) {
        if (points.getShape().dimension() != 2) {
            throw new IllegalArgumentException("Expected (n, d) points, got shape " + points.getShape());
        }
        int n = (int) points.getShape().get(0);
        int d = (int) points.getShape().get(1);
        float[] flat = points.toFloatArray();
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }
}
