package org.dgm4j.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Rotated-MNIST: digits rotated with bilinear interpolation about the image centre
 * ({@link Bilinear#rotate}, counter-clockwise for positive angles), the angle in degrees kept as factor
 * {@value #ANGLE}. Works on any {@link ImageDataset} (a subset, Fashion-MNIST, a resized set).
 */
public final class RotatedMnist {

    /** Name of the angle factor (degrees, counter-clockwise). */
    public static final String ANGLE = "angle";
    /** Largest absolute angle of {@link #randomAngles}, in degrees. */
    public static final float MAX_RANDOM_ANGLE = 90f;
    /** The angles of {@link #flattened}, in degrees: 5 rotations 45 degrees apart, starting upright. */
    public static final List<Float> FLATTENED_ANGLES = List.of(0f, 45f, 90f, 135f, 180f);

    private RotatedMnist() {}

    /**
     * MNIST + Rotated-MNIST, as in the beta-VAE slides: the {@code base} images upright (angle 0) followed by
     * a copy of each rotated by an angle drawn uniformly in [-90, 90] degrees (seeded), so the result has
     * {@code 2 * base.size()} examples, half upright and half rotated.
     */
    public static ImageDataset randomAngles(ImageDataset base, long seed) {
        int n = base.size();
        Random random = new Random(seed);
        float[] angles = new float[2 * n];
        for (int i = n; i < 2 * n; i++) {
            angles[i] = (float) ((random.nextDouble() * 2 - 1) * MAX_RANDOM_ANGLE);
        }
        return build(base, 2, angles, base.name() + " + rotated (uniform ±90°, seed " + seed + ")");
    }

    /**
     * The "flattened" Rotated-MNIST of the sparse-prior report: every {@code base} image at each of the
     * {@link #FLATTENED_ANGLES}, {@code 5 * base.size()} examples, in blocks of one angle each (all images at
     * 0°, then all at 45°, ...).
     */
    public static ImageDataset flattened(ImageDataset base) {
        int n = base.size();
        int copies = FLATTENED_ANGLES.size();
        float[] angles = new float[copies * n];
        for (int c = 0; c < copies; c++) {
            Arrays.fill(angles, c * n, (c + 1) * n, FLATTENED_ANGLES.get(c));
        }
        return build(base, copies, angles, base.name() + " rotated by 0/45/90/135/180°");
    }

    /**
     * Each image of {@code base} rotated by its own angle {@code degrees[i]}, as a new data set with factor
     * {@value #ANGLE} (added to the base's angle if it already has one).
     */
    public static ImageDataset rotated(ImageDataset base, float[] degrees) {
        if (degrees.length != base.size()) {
            throw new IllegalArgumentException(degrees.length + " angles for " + base.size() + " images");
        }
        return build(base, 1, degrees, base.name() + " rotated");
    }

    /** {@code copies} concatenated copies of {@code base}, copy {@code c} image {@code i} rotated by {@code angles[c*n+i]}. */
    private static ImageDataset build(ImageDataset base, int copies, float[] angles, String name) {
        int n = base.size();
        int h = base.height();
        int w = base.width();
        byte[] one = base.images().toByteArray();
        byte[] stacked = new byte[Math.multiplyExact(copies, one.length)];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(one, 0, stacked, c * one.length, one.length);
        }
        byte[] pixels = Bilinear.rotate(stacked, copies * n, h, w, angles);
        int[] labels = repeat(base.labelArray(), copies);
        Map<String, float[]> factors = new LinkedHashMap<>();
        for (String key : base.factorNames()) {
            factors.put(key, repeat(base.factor(key), copies));
        }
        float[] total = angles.clone();
        float[] previous = factors.get(ANGLE);
        if (previous != null) {
            for (int i = 0; i < total.length; i++) {
                total[i] += previous[i];
            }
        }
        factors.put(ANGLE, total);
        return ImageDataset.of(name, base.parentManager(), pixels, h, w, labels, base.classNames(), factors);
    }

    private static int[] repeat(int[] values, int copies) {
        int[] out = new int[values.length * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(values, 0, out, c * values.length, values.length);
        }
        return out;
    }

    private static float[] repeat(float[] values, int copies) {
        float[] out = new float[values.length * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(values, 0, out, c * values.length, values.length);
        }
        return out;
    }
}
