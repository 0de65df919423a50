package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Objects;
import java.util.Random;
import org.dgm4j.ops.Upsampling;

/**
 * A variational autoencoder: an encoder giving q(z|x) = N(mu, diag σ²) and a decoder giving the
 * <em>logits</em> of a Bernoulli p(x|z) (apply {@code sigmoid} only to display images).
 *
 * <p>As a DJL block, {@code forward([x])} returns {@code [logits, mu, logVar, z]} with
 * {@code z = mu + σ ⊙ ε} and ε from the injectable {@link NoiseSource}. Initialise with
 * {@link #initialize(NDManager)}. Factories:
 *
 * <ul>
 *   <li>{@link #mlp(int)}: 784-512-256-z, the course slides' dense VAE. At z = 2 it has exactly the
 *       1,068,820 parameters of the reference study (1,067,280 + 770·z in general).
 *   <li>{@link #conv28(int)}: Conv(32, 3×3, s2) → Conv(64, 3×3, s2) → FC → (mu, logVar); decoder
 *       FC → 64×7×7 → ×2 → 32 → ×2 → 1. With nearest-upsampling + 3×3 convolutions (the default) it has
 *       the parameter count of the reference's 3×3 transposed convolutions: 40,705 + 9,410·z, i.e. the
 *       reference 59,525 at z = 2. Sub-pixel upsampling costs 4× the decoder conv weights (96,964 + 9,410·z).
 *   <li>{@link #conv64(int)}: the β-VAE of Higgins et al. 2017 / Burgess et al. 2018 for 64×64 images:
 *       Conv 32, 32, 64, 64 (4×4, s2) → FC 256 → z; mirrored decoder with upsampling + 3×3 convolutions in
 *       place of 4×4 transposed convolutions.
 * </ul>
 */
public class Vae extends EncoderDecoder {

    private NoiseSource noise = NoiseSource.standardNormal();

    /**
     * A VAE from an encoder mapping images to (B, 2·latentDim) (mu then logVar) and a decoder mapping
     * (B, latentDim) to logits of {@code imageShape} (C, H, W).
     */
    public Vae(Block encoder, Block decoder, int latentDim, Shape imageShape) {
        super(encoder, decoder, latentDim, imageShape);
    }

    /** The dense VAE 784-512-256-z for 28×28 grey images. */
    public static Vae mlp(int latentDim) {
        return mlp(Networks.digitShape(), latentDim, 512, 256);
    }

    /** A dense VAE: encoder widths {@code hidden}, decoder the same widths in reverse. */
    public static Vae mlp(Shape image, int latentDim, int... hidden) {
        return new Vae(Networks.mlpEncoder(2 * latentDim, hidden),
                Networks.mlpDecoder(image, reversed(hidden)), latentDim, image);
    }

    /** The convolutional VAE for 28×28 grey images, nearest-upsampling decoder, no hidden FC layer. */
    public static Vae conv28(int latentDim) {
        return conv28(latentDim, 0, Upsampling.Mode.NEAREST_CONV);
    }

    /**
     * The convolutional VAE for 28×28 grey images.
     *
     * @param hiddenFc width of a dense ReLU layer between the convolutions and (mu, logVar), mirrored in
     *     the decoder; 0 for none (the reference architecture)
     * @param mode how the decoder upsamples
     */
    public static Vae conv28(int latentDim, int hiddenFc, Upsampling.Mode mode) {
        return new Vae(Networks.conv28Encoder(hiddenFc, 2 * latentDim),
                Networks.conv28Decoder(hiddenFc, mode), latentDim, Networks.digitShape());
    }

    /** The β-VAE architecture for 64×64 grey images (Burgess et al. 2018), nearest-upsampling decoder. */
    public static Vae conv64(int latentDim) {
        return conv64(new Shape(1, 64, 64), latentDim, Upsampling.Mode.NEAREST_CONV);
    }

    /** The β-VAE architecture for 64×64 images of {@code image.get(0)} channels. */
    public static Vae conv64(Shape image, int latentDim, Upsampling.Mode mode) {
        int[] channels = {32, 32, 64, 64};
        int[] hidden = {256};
        return new Vae(Networks.convEncoder(channels, 4, 1, hidden, 2 * latentDim),
                Networks.convDecoder(image, channels, hidden, mode), latentDim, image);
    }

    /**
     * The reference study's deeper variant of {@link #conv64(Shape, int, Upsampling.Mode)}: seven convolutions of
     * 32, 32, 64, 64, 128, 128, 256 channels (4×4 stride 2 and 3×3 stride 1 alternating, so the side still halves
     * four times), batch normalisation after each, the same dense layer of 256 and the mirrored decoder
     * ({@link Networks#deepConvEncoder}).
     */
    public static Vae conv64Deep(Shape image, int latentDim, Upsampling.Mode mode) {
        int[] channels = {32, 32, 64, 64, 128, 128, 256};
        int[] hidden = {256};
        return new Vae(Networks.deepConvEncoder(channels, hidden, 2 * latentDim),
                Networks.deepConvDecoder(image, channels, hidden, mode), latentDim, image);
    }

    /** {@code mu + exp(logVar / 2) ⊙ eps}: the reparameterisation trick, differentiable in mu and logVar. */
    public static NDArray reparameterize(NDArray mu, NDArray logVar, NDArray eps) {
        return new Gaussian(mu, logVar).sample(eps);
    }

    /** The current ε source. */
    public NoiseSource noise() {
        return noise;
    }

    /** Replaces the ε source (for example {@link NoiseSource#zeros()} in a test); returns this. */
    public Vae setNoise(NoiseSource noise) {
        this.noise = Objects.requireNonNull(noise, "noise");
        return this;
    }

    /** Sets the decoder's likelihood (default {@link Reconstruction#bernoulli()}); returns this. */
    public Vae setLikelihood(Reconstruction likelihood) {
        likelihood(likelihood);
        return this;
    }

    /** The architecture, the likelihood and the ε source (see {@link NoiseSource#describe()}). */
    @Override
    public String describe() {
        return super.describe() + " noise=" + noise.describe();
    }

    /** Initialises all parameters as float32 for batches of images of {@link #imageShape()}; returns this. */
    public Vae initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, batchShape(1));
        return this;
    }

    /** q(z|x) for images x (B, C, H, W). */
    public Gaussian encode(ParameterStore ps, NDArray x, boolean training) {
        requireImages(x);
        return posterior(runEncoder(ps, x, training));
    }

    /** Logits (B, C, H, W) of p(x|z) for latents z (B, latentDim). */
    public NDArray decode(ParameterStore ps, NDArray z, boolean training) {
        requireLatents(z);
        return runDecoder(ps, z, training);
    }

    /** {@link #encode(ParameterStore, NDArray, boolean)} in inference mode. */
    public Gaussian encode(NDArray x) {
        return encode(inference(x), x, false);
    }

    /** {@link #decode(ParameterStore, NDArray, boolean)} in inference mode. */
    public NDArray decode(NDArray z) {
        return decode(inference(z), z, false);
    }

    /** A reparameterised sample from q with ε drawn from this model's {@link NoiseSource}. */
    public NDArray reparameterize(Gaussian q) {
        return q.sample(noise.sample(q.mu().getManager(), q.mu().getShape()));
    }

    /** Logits of {@code n} images decoded from z ~ N(0, I), drawn from a {@link Random} seeded with {@code seed}. */
    public NDArray sample(int n, NDManager manager, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("number of samples must be positive, got " + n);
        }
        NDArray z = NoiseSource.gaussian(manager, latentShape(n), new Random(seed));
        return decode(z);
    }

    /** {@code [logits, mu, logVar, z]} for {@code [x]}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Gaussian q = encode(ps, inputs.head(), training);
        NDArray z = reparameterize(q);
        return new NDList(decode(ps, z, training), q.mu(), q.logVar(), z);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        Shape latent = latentShape(b);
        return new Shape[] {batchShape(b), latent, latent, latent};
    }
}
