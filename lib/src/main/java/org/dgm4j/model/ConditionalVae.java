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

/**
 * A conditional VAE (Sohn et al. 2015): the one-hot label is concatenated to the flattened image at the
 * encoder's input, q(z|x, y), and to z at the decoder's input, p(x|z, y). Decoders give logits.
 *
 * <p>As a DJL block, {@code forward([x, y])} with integer labels y (B) returns
 * {@code [logits, mu, logVar, z]}, z reparameterised with ε from the injectable {@link NoiseSource}.
 */
public class ConditionalVae extends EncoderDecoder {

    private final int numClasses;
    private NoiseSource noise = NoiseSource.standardNormal();

    /**
     * A CVAE from an encoder (B, C·H·W + K) → (B, 2·latentDim) and a decoder (B, latentDim + K) → logits
     * of {@code imageShape}, with K = {@code numClasses}.
     */
    public ConditionalVae(Block encoder, Block decoder, int latentDim, int numClasses, Shape imageShape) {
        super(encoder, decoder, requireSizes(latentDim, numClasses), imageShape);
        this.numClasses = numClasses;
    }

    /** The dense CVAE (784 + 10)-512-256-z / (z + 10)-256-512-784 for 28×28 grey digits. */
    public static ConditionalVae mlp(int latentDim) {
        return mlp(Networks.digitShape(), 10, latentDim, 512, 256);
    }

    /** A dense CVAE with encoder widths {@code hidden} and the decoder mirrored. */
    public static ConditionalVae mlp(Shape image, int numClasses, int latentDim, int... hidden) {
        return new ConditionalVae(Networks.mlpEncoder(2 * latentDim, hidden),
                Networks.mlpDecoder(image, reversed(hidden)), latentDim, numClasses, image);
    }

    /** Number of classes K of the one-hot condition. */
    public int numClasses() {
        return numClasses;
    }

    /** The current ε source. */
    public NoiseSource noise() {
        return noise;
    }

    /** Replaces the ε source; returns this. */
    public ConditionalVae setNoise(NoiseSource noise) {
        this.noise = Objects.requireNonNull(noise, "noise");
        return this;
    }

    /** Sets the decoder's likelihood (default {@link Reconstruction#bernoulli()}); returns this. */
    public ConditionalVae setLikelihood(Reconstruction likelihood) {
        likelihood(likelihood);
        return this;
    }

    /** Initialises all parameters as float32; returns this. */
    public ConditionalVae initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, batchShape(1), new Shape(1));
        return this;
    }

    /** q(z|x, y) for images x (B, C, H, W) and labels y (B) in [0, K). */
    public Gaussian encode(ParameterStore ps, NDArray x, NDArray y, boolean training) {
        requireImages(x);
        NDArray in = x.reshape(x.getShape().get(0), -1).concat(oneHot(y, x.getShape().get(0)), 1);
        return posterior(runEncoder(ps, in, training));
    }

    /** Logits (B, C, H, W) of p(x|z, y). */
    public NDArray decode(ParameterStore ps, NDArray z, NDArray y, boolean training) {
        requireLatents(z);
        NDArray in = z.concat(oneHot(y, z.getShape().get(0)), 1);
        return runDecoder(ps, in, training);
    }

    /** {@link #encode(ParameterStore, NDArray, NDArray, boolean)} in inference mode. */
    public Gaussian encode(NDArray x, NDArray y) {
        return encode(inference(x), x, y, false);
    }

    /** {@link #decode(ParameterStore, NDArray, NDArray, boolean)} in inference mode. */
    public NDArray decode(NDArray z, NDArray y) {
        return decode(inference(z), z, y, false);
    }

    /** Logits of one image per entry of {@code labels}, z ~ N(0, I) drawn from a {@link Random} seeded with {@code seed}. */
    public NDArray sample(int[] labels, NDManager manager, long seed) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("give at least one label to sample");
        }
        NDArray z = NoiseSource.gaussian(manager, latentShape(labels.length), new Random(seed));
        return decode(z, manager.create(labels));
    }

    /** {@code [logits, mu, logVar, z]} for {@code [x, y]}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("a conditional VAE takes [images, labels], got " + inputs.size()
                    + " arrays");
        }
        NDArray y = inputs.get(1);
        Gaussian q = encode(ps, inputs.get(0), y, training);
        NDArray z = q.sample(noise.sample(q.mu().getManager(), q.mu().getShape()));
        return new NDList(decode(ps, z, y, training), q.mu(), q.logVar(), z);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        Shape latent = latentShape(b);
        return new Shape[] {batchShape(b), latent, latent, latent};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        initializeNetworks(manager, dataType, new Shape(b, imageShape().size() + numClasses),
                new Shape(b, latentDim() + numClasses));
    }

    private static int requireSizes(int latentDim, int numClasses) {
        if (latentDim <= 0 || numClasses <= 1) {
            throw new IllegalArgumentException("need latentDim > 0 and numClasses > 1, got " + latentDim
                    + " and " + numClasses);
        }
        return latentDim;
    }

    private NDArray oneHot(NDArray y, long batch) {
        if (y.getShape().dimension() != 1 || y.getShape().get(0) != batch) {
            throw new IllegalArgumentException("labels must be (B) = (" + batch + "), got " + y.getShape());
        }
        return y.toType(DataType.INT64, false).oneHot(numClasses).toType(DataType.FLOAT32, false);
    }
}
