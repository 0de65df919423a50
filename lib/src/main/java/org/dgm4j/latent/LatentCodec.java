package org.dgm4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.model.Autoencoder;
import org.dgm4j.model.Vae;

/**
 * The scaled encode/decode pair of latent diffusion: a trained first stage (a VAE, whose code is the
 * posterior mean μ(x), or an autoencoder) followed by a {@link LatentScaling}. {@link #encode} maps images
 * in [0, 1] to scaled codes ẑ (B, D), {@link #decode} maps scaled codes back to images in [0, 1]; so
 * {@code decode(encode(x))} is exactly the first stage's own reconstruction {@link #reconstruct}.
 *
 * <pre>{@code
 * LatentCodec codec = LatentCodec.fit(vae, train);      // σ and m from the training codes
 * NDArray z = codec.encode(images);                     // (B, D), about unit variance
 * NDArray x = codec.decode(z);                          // (B, 1, 28, 28) in [0, 1]
 * }</pre>
 */
public final class LatentCodec {

    /** Images per forward pass when encoding a whole data set. */
    public static final int BATCH_SIZE = 500;

    private final UnaryOperator<NDArray> encoder;
    private final UnaryOperator<NDArray> decoder;
    private final LatentScaling scaling;

    private LatentCodec(UnaryOperator<NDArray> encoder, UnaryOperator<NDArray> decoder, LatentScaling scaling) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.scaling = Objects.requireNonNull(scaling, "scaling");
    }

    /** A VAE's posterior mean as the code, with the given scaling (its size must be the VAE's latent size). */
    public static LatentCodec of(Vae vae, LatentScaling scaling) {
        requireSize(vae.latentDim(), scaling);
        return new LatentCodec(x -> vae.encode(x).mu(), vae::decode, scaling);
    }

    /** An autoencoder's code, with the given scaling. */
    public static LatentCodec of(Autoencoder autoencoder, LatentScaling scaling) {
        requireSize(autoencoder.latentDim(), scaling);
        return new LatentCodec(autoencoder::encode, autoencoder::decode, scaling);
    }

    /** A VAE's codec with the scaling fitted to the codes of {@code data} (normally the training images). */
    public static LatentCodec fit(Vae vae, ImageDataset data) {
        LatentCodec raw = of(vae, LatentScaling.identity(vae.latentDim()));
        try (NDManager scope = data.images().getManager().newSubManager()) {
            return of(vae, LatentScaling.fit(raw.rawCodes(data, scope)));
        }
    }

    /** An autoencoder's codec with the scaling fitted to the codes of {@code data}. */
    public static LatentCodec fit(Autoencoder autoencoder, ImageDataset data) {
        LatentCodec raw = of(autoencoder, LatentScaling.identity(autoencoder.latentDim()));
        try (NDManager scope = data.images().getManager().newSubManager()) {
            return of(autoencoder, LatentScaling.fit(raw.rawCodes(data, scope)));
        }
    }

    private static void requireSize(int latentDim, LatentScaling scaling) {
        if (scaling.latentDim() != latentDim) {
            throw new IllegalArgumentException("the scaling is for codes of size " + scaling.latentDim()
                    + " but the first stage's latent size is " + latentDim + "; fit the scaling on this model's codes");
        }
    }

    /** The scaling in use. */
    public LatentScaling scaling() {
        return scaling;
    }

    /** The latent size D. */
    public int latentDim() {
        return scaling.latentDim();
    }

    /** The first stage's unscaled codes z (B, D) of images (B, 1, H, W) in [0, 1]. */
    public NDArray rawCodes(NDArray images) {
        return encoder.apply(images);
    }

    /** Scaled codes ẑ = (z − m)/σ (B, D) of images (B, 1, H, W) in [0, 1]. */
    public NDArray encode(NDArray images) {
        return scaling.apply(rawCodes(images));
    }

    /** Images in [0, 1] decoded from scaled codes ẑ (B, D). */
    public NDArray decode(NDArray scaledCodes) {
        return Activation.sigmoid(decoder.apply(scaling.invert(scaledCodes)));
    }

    /** The first stage's reconstruction σ(decoder(encoder(x))) of images in [0, 1], without the scaling. */
    public NDArray reconstruct(NDArray images) {
        return Activation.sigmoid(decoder.apply(rawCodes(images)));
    }

    /** Unscaled codes (N, D) of every image of {@code data}, in order, owned by {@code manager}. */
    public NDArray rawCodes(ImageDataset data, NDManager manager) {
        return codes(data, manager, false);
    }

    /** Scaled codes (N, D) of every image of {@code data}, in order, owned by {@code manager}. */
    public NDArray encode(ImageDataset data, NDManager manager) {
        return codes(data, manager, true);
    }

    private NDArray codes(ImageDataset data, NDManager manager, boolean scaled) {
        NDList parts = new NDList();
        for (Batch batch : data.batches(BATCH_SIZE, false, 0)) {
            try (batch) {
                NDArray z = scaled ? encode(batch.x()) : rawCodes(batch.x());
                z.attach(manager);
                parts.add(z);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = NDArrays.concat(parts, 0);
        parts.close();
        return all;
    }

    @Override
    public String toString() {
        return "LatentCodec(D = " + latentDim() + ", " + scaling + ")";
    }
}
