package org.dgm4j.plot;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The image figures of the course, built on {@link ImageGrid}. All take images with values in [0, 1]
 * (apply sigmoid to decoder logits first) as NDArrays of shape (B, 1, H, W) or (B, H, W).
 */
public final class ImageGrids {

    /** Images per row in comparison figures before they wrap into another block of rows. */
    public static final int MAX_COLUMNS = 12;

    private ImageGrids() {}

    /** A plain grid, {@code columns} images per row. */
    public static BufferedImage grid(NDArray images, int columns) {
        return ImageGrid.of(images, columns).render();
    }

    /** A plain grid with a title. */
    public static BufferedImage grid(NDArray images, int columns, String title) {
        return ImageGrid.of(images, columns).title(title).render();
    }

    /** A grid with a caption under each image (e.g. the rotation angle). */
    public static BufferedImage captioned(NDArray images, int columns, List<String> captions) {
        return ImageGrid.of(images, columns).captions(captions).render();
    }

    /** Originals above their reconstructions (wrapping every {@link #MAX_COLUMNS} images). */
    public static BufferedImage reconstructions(NDArray originals, NDArray reconstructions) {
        return compare(List.of("original", "reconstruction"), originals, reconstructions);
    }

    /**
     * Several aligned sets of the same number of images, one labelled row each (e.g. noisy, denoised,
     * clean), wrapping into further blocks of rows every {@link #MAX_COLUMNS} images.
     */
    public static BufferedImage compare(List<String> names, NDArray... sets) {
        if (names.size() != sets.length) {
            throw new IllegalArgumentException(names.size() + " names for " + sets.length + " image sets");
        }
        List<GrayImages> all = new ArrayList<>();
        for (NDArray set : sets) {
            all.add(GrayImages.of(set));
        }
        int n = all.get(0).count();
        for (int k = 1; k < all.size(); k++) {
            if (all.get(k).count() != n) {
                throw new IllegalArgumentException("Image set '" + names.get(k) + "' has " + all.get(k).count()
                        + " images but '" + names.get(0) + "' has " + n + "; compare sets of equal size");
            }
        }
        List<GrayImages> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int start = 0; start < n; start += MAX_COLUMNS) {
            int end = Math.min(n, start + MAX_COLUMNS);
            for (int k = 0; k < all.size(); k++) {
                rows.add(all.get(k).slice(start, end));
                labels.add(names.get(k));
            }
        }
        return ImageGrid.ofRows(rows).rowLabels(labels).rowGroups(sets.length).render();
    }

    /**
     * Interpolations, one per row of {@code steps} images (row-major in {@code images}), with the
     * interpolation weight t = 0 … 1 above each column.
     */
    public static BufferedImage interpolations(NDArray images, int steps) {
        GrayImages all = GrayImages.of(images);
        if (steps < 2 || all.count() % steps != 0) {
            throw new IllegalArgumentException("Expected rows of " + steps + " interpolation steps (>= 2), but "
                    + all.count() + " images is not a multiple of it");
        }
        List<String> t = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            t.add(format(i / (double) (steps - 1)));
        }
        return ImageGrid.of(all, steps).columnLabels(t).render();
    }

    /**
     * Latent points of an n×n grid over [−a, a]², in the order {@link #manifold} expects: row-major,
     * rows from z₂ = +a (top) down to −a, columns from z₁ = −a (left) to +a.
     */
    public static float[][] manifoldPoints(int n, double a) {
        double[] v = linspace(-a, a, n);
        float[][] z = new float[n * n][];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                z[r * n + c] = new float[] {(float) v[c], (float) v[n - 1 - r]};
            }
        }
        return z;
    }

    /**
     * The decoded latent manifold: n×n decoded images of {@link #manifoldPoints}(n, a), labelled with
     * the z₁ values along the bottom and z₂ values on the left.
     */
    public static BufferedImage manifold(NDArray decoded, int n, double a) {
        GrayImages all = GrayImages.of(decoded);
        if (all.count() != n * n) {
            throw new IllegalArgumentException("A " + n + "x" + n + " manifold needs " + n * n + " images, got "
                    + all.count());
        }
        double[] v = linspace(-a, a, n);
        List<String> cols = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cols.add(format(v[i]));
            rows.add(format(v[n - 1 - i]));
        }
        return ImageGrid.of(all, n).columnLabels(cols).rowLabels(rows).axisTitles("z\u2081", "z\u2082").render();
    }

    /**
     * A latent traversal: row {@code i} varies latent dimension {@code dims[i]} over {@code values}
     * (row-major in {@code images}); rows are labelled "z3" etc., columns by value.
     */
    public static BufferedImage traversal(NDArray images, int[] dims, double[] values) {
        GrayImages all = GrayImages.of(images);
        if (all.count() != dims.length * values.length) {
            throw new IllegalArgumentException("A traversal of " + dims.length + " dimensions x " + values.length
                    + " values needs " + dims.length * values.length + " images, got " + all.count());
        }
        List<String> rows = new ArrayList<>();
        for (int d : dims) {
            rows.add("z" + d);
        }
        List<String> cols = new ArrayList<>();
        for (double v : values) {
            cols.add(format(v));
        }
        return ImageGrid.of(all, values.length).rowLabels(rows).columnLabels(cols).render();
    }

    /** {@code n} evenly spaced values from {@code lo} to {@code hi} inclusive. */
    public static double[] linspace(double lo, double hi, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("linspace needs n >= 2, got " + n);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * i / (n - 1);
        }
        return v;
    }

    private static String format(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }
}
