package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dgm4j.ops.Upsampling;

/**
 * A deterministic autoencoder: encoder x → z, decoder z → logits (apply {@code sigmoid} only to display).
 * As a DJL block, {@code forward([x])} returns {@code [logits, z]}. It uses the same networks as
 * {@link Vae} with a z-wide code instead of (mu, logVar).
 */
public class Autoencoder extends AbstractBlock {

    private final Block encoder;
    private final Block decoder;
    private final int latentDim;
    private final Shape imageShape;

    /** An autoencoder from an encoder images → (B, latentDim) and a decoder (B, latentDim) → logits. */
    public Autoencoder(Block encoder, Block decoder, int latentDim, Shape imageShape) {
        if (latentDim <= 0) {
            throw new IllegalArgumentException("latentDim must be positive, got " + latentDim);
        }
        Networks.requireImageShape(imageShape);
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
        this.latentDim = latentDim;
        this.imageShape = imageShape;
    }

    /** The dense autoencoder 784-512-256-z for 28×28 grey images. */
    public static Autoencoder mlp(int latentDim) {
        return mlp(new Shape(1, 28, 28), latentDim, 512, 256);
    }

    /** A dense autoencoder: encoder widths {@code hidden}, decoder the same in reverse. */
    public static Autoencoder mlp(Shape image, int latentDim, int... hidden) {
        return new Autoencoder(Networks.mlpEncoder(latentDim, hidden),
                Networks.mlpDecoder(image, Vae.reversed(hidden)), latentDim, image);
    }

    /** The convolutional autoencoder for 28×28 grey images (the conv VAE's networks), nearest upsampling. */
    public static Autoencoder conv28(int latentDim) {
        return conv28(latentDim, 0, Upsampling.Mode.NEAREST_CONV);
    }

    /** The convolutional autoencoder for 28×28 grey images; {@code hiddenFc = 0} for no dense hidden layer. */
    public static Autoencoder conv28(int latentDim, int hiddenFc, Upsampling.Mode mode) {
        Shape image = new Shape(1, 28, 28);
        int[] channels = {32, 64};
        int[] hidden = hiddenFc > 0 ? new int[] {hiddenFc} : new int[0];
        return new Autoencoder(Networks.convEncoder(channels, 3, 1, hidden, latentDim),
                Networks.convDecoder(image, channels, hidden, mode), latentDim, image);
    }

    /** Dimension of z. */
    public int latentDim() {
        return latentDim;
    }

    /** Image shape (C, H, W). */
    public Shape imageShape() {
        return imageShape;
    }

    /** Initialises all parameters as float32; returns this. */
    public Autoencoder initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, Vae.batchShape(imageShape, 1));
        return this;
    }

    /** Codes z (B, latentDim) of images (B, C, H, W). */
    public NDArray encode(ParameterStore ps, NDArray x, boolean training) {
        Vae.requireImages(x, imageShape);
        return encoder.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** Logits (B, C, H, W) for codes z (B, latentDim). */
    public NDArray decode(ParameterStore ps, NDArray z, boolean training) {
        Vae.requireLatents(z, latentDim);
        return decoder.forward(ps, new NDList(z), training).singletonOrThrow();
    }

    /** {@link #encode(ParameterStore, NDArray, boolean)} in inference mode. */
    public NDArray encode(NDArray x) {
        return encode(new ParameterStore(), x, false);
    }

    /** {@link #decode(ParameterStore, NDArray, boolean)} in inference mode. */
    public NDArray decode(NDArray z) {
        return decode(new ParameterStore(), z, false);
    }

    /** {@code [logits, z]} for {@code [x]}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = encode(ps, inputs.head(), training);
        return new NDList(decode(ps, z, training), z);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {Vae.batchShape(imageShape, b), new Shape(b, latentDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0]);
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latentDim));
    }
}
