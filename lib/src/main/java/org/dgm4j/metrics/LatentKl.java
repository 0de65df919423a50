package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.loss.Kl;
import org.dgm4j.model.Vae;

/**
 * How much each latent dimension is used: KL(q(z_d|x) ‖ N(0, 1)) averaged over the data, in nats, and
 * the number of <em>active units</em>, dimensions whose average KL exceeds {@value #ACTIVE_THRESHOLD} nats.
 * A collapsed dimension has q(z_d|x) ≈ N(0, 1) for every x and a KL near 0.
 */
public final class LatentKl {

    /** The KL (nats) above which a dimension counts as active. */
    public static final double ACTIVE_THRESHOLD = 0.01;

    private LatentKl() {}

    /** Average KL per latent dimension over {@code data} (batches of 256). */
    public static double[] perDimension(Vae vae, ImageDataset data) {
        return perDimension(vae, data.batches(256, false, 0));
    }

    /** Average KL per latent dimension over all images of {@code batches}; each batch is closed after use. */
    public static double[] perDimension(Vae vae, Iterable<Batch> batches) {
        double[] sum = new double[vae.latentDim()];
        long n = 0;
        for (Batch batch : batches) {
            try (batch) {
                NDArray kl = Kl.perDimension(vae.encode(batch.x())).sum(new int[] {0});
                float[] values = kl.toFloatArray();
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += values[d];
                }
                n += batch.size();
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no images to measure the KL on: the data set is empty");
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= n;
        }
        return sum;
    }

    /** Number of dimensions of {@code klPerDimension} above {@link #ACTIVE_THRESHOLD}. */
    public static int activeUnits(double[] klPerDimension) {
        return activeUnits(klPerDimension, ACTIVE_THRESHOLD);
    }

    /** Number of dimensions of {@code klPerDimension} above {@code threshold} nats. */
    public static int activeUnits(double[] klPerDimension, double threshold) {
        int active = 0;
        for (double kl : klPerDimension) {
            if (kl > threshold) {
                active++;
            }
        }
        return active;
    }
}
