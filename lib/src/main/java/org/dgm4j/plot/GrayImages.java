package org.dgm4j.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of grey-scale images with values in [0, 1], copied to the Java heap for drawing. Made from
 * an NDArray of shape (B, 1, H, W), (B, H, W) or (H, W), or from flat float rows of length H·W.
 */
public final class GrayImages {

    /** How far outside [0, 1] a value may be (rounding) before it is rejected. */
    public static final double TOLERANCE = 1e-3;

    private final float[] data;
    private final int count;
    private final int height;
    private final int width;

    private GrayImages(float[] data, int count, int height, int width) {
        this.data = data;
        this.count = count;
        this.height = height;
        this.width = width;
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!(v >= -TOLERANCE && v <= 1 + TOLERANCE)) {
                throw new IllegalArgumentException("Image values must be in [0, 1], found " + v + " in image "
                        + i / (height * width) + "; apply sigmoid to decoder logits (or rescale) before plotting");
            }
        }
    }

    /** Copies images from an NDArray of shape (B, 1, H, W), (B, H, W) or (H, W). */
    public static GrayImages of(NDArray images) {
        Shape s = images.getShape();
        int b;
        int h;
        int w;
        if (s.dimension() == 4 && s.get(1) == 1) {
            b = (int) s.get(0);
            h = (int) s.get(2);
            w = (int) s.get(3);
        } else if (s.dimension() == 3) {
            b = (int) s.get(0);
            h = (int) s.get(1);
            w = (int) s.get(2);
        } else if (s.dimension() == 2) {
            b = 1;
            h = (int) s.get(0);
            w = (int) s.get(1);
        } else {
            throw new IllegalArgumentException("Expected grey-scale images of shape (B,1,H,W), (B,H,W) or (H,W), got "
                    + s + "; reshape flat decoder outputs to (B,1,28,28) first");
        }
        float[] values;
        if (images.getDataType() == DataType.FLOAT32) {
            values = images.toFloatArray();
        } else {
            try (NDArray f = images.toType(DataType.FLOAT32, true)) {
                values = f.toFloatArray();
            }
        }
        return new GrayImages(values, b, h, w);
    }

    /** Images from flat rows ({@code rows[i].length == height * width}, row-major pixels). */
    public static GrayImages of(float[][] rows, int height, int width) {
        float[] data = new float[rows.length * height * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != height * width) {
                throw new IllegalArgumentException("Image " + i + " has " + rows[i].length + " values, expected "
                        + height + "x" + width + " = " + height * width);
            }
            System.arraycopy(rows[i], 0, data, i * height * width, height * width);
        }
        return new GrayImages(data, rows.length, height, width);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive). */
    public GrayImages slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + count + " images");
        }
        float[] part = new float[(to - from) * height * width];
        System.arraycopy(data, from * height * width, part, 0, part.length);
        return new GrayImages(part, to - from, height, width);
    }

    /** Number of images. */
    public int count() {
        return count;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** The value of pixel (y, x) of image {@code i}. */
    public float value(int i, int y, int x) {
        return data[(i * height + y) * width + x];
    }

    /** The grey level 0..255 drawn for a value (clamped to [0, 1], rounded). */
    public static int grey(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
