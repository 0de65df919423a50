package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape measurements of a grey image from its intensity-weighted moments, treating pixel values as ink:
 * how much ink, where its centre is, how wide and tall the stroke mass is, and how slanted it is.
 *
 * @param ink mean pixel value in [0, 1]
 * @param centreX ink-weighted mean column (pixels from the left)
 * @param centreY ink-weighted mean row (pixels from the top)
 * @param width ink-weighted standard deviation of the column (pixels)
 * @param height ink-weighted standard deviation of the row (pixels)
 * @param slant {@code −cov(x, y) / var(y)}: horizontal shift per row going up, positive when the image
 *     leans right (as italic type does), 0 for upright
 */
public record ImageMoments(double ink, double centreX, double centreY, double width, double height, double slant) {

    /** Names of the measurements {@link #value} accepts, in the order of this record's components. */
    public static final List<String> NAMES = List.of("ink", "centreX", "centreY", "width", "height", "slant");

    /** The measurement called {@code name} (one of {@link #NAMES}). */
    public double value(String name) {
        return switch (name) {
            case "ink" -> ink;
            case "centreX" -> centreX;
            case "centreY" -> centreY;
            case "width" -> width;
            case "height" -> height;
            case "slant" -> slant;
            default -> throw new IllegalArgumentException("Unknown measurement '" + name + "'; use one of " + NAMES);
        };
    }

    /** The moments of one image of {@code height × width} pixels, row-major, values ≥ 0; all 0 for a blank image. */
    public static ImageMoments of(float[] pixels, int height, int width) {
        if (pixels.length != height * width) {
            throw new IllegalArgumentException("Expected " + height + "x" + width + " = " + height * width
                    + " pixels, got " + pixels.length);
        }
        double m = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = pixels[y * width + x];
                m += v;
                sx += v * x;
                sy += v * y;
                sxx += v * x * x;
                syy += v * y * y;
                sxy += v * x * y;
            }
        }
        if (m <= 0) {
            return new ImageMoments(0, 0, 0, 0, 0, 0);
        }
        double cx = sx / m;
        double cy = sy / m;
        double vxx = Math.max(0, sxx / m - cx * cx);   // E[x²] - E[x]², in doubles exact enough for 28×28 images
        double vyy = Math.max(0, syy / m - cy * cy);
        double vxy = sxy / m - cx * cy;
        double slant = vyy > 0 ? -vxy / vyy : 0;
        return new ImageMoments(m / pixels.length, cx, cy, Math.sqrt(vxx), Math.sqrt(vyy), slant);
    }

    /** The moments of each image of {@code images}, (N, H, W) or (N, 1, H, W). */
    public static List<ImageMoments> of(NDArray images) {
        Shape s = images.getShape();
        boolean grey = s.dimension() == 3 || (s.dimension() == 4 && s.get(1) == 1);
        if (!grey) {
            throw new IllegalArgumentException("Expected grey images (N, H, W) or (N, 1, H, W), got shape " + s);
        }
        int n = (int) s.get(0);
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        float[] all = images.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        List<ImageMoments> out = new ArrayList<>(n);
        float[] one = new float[h * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, i * h * w, one, 0, h * w);
            out.add(of(one, h, w));
        }
        return out;
    }
}
