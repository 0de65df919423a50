package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dgm4j.ops.Upsampling;

/**
 * A deterministic autoencoder: encoder x → z, decoder z → logits (apply {@code sigmoid} only to display).
 * As a DJL block, {@code forward([x])} returns {@code [logits, z]}. It uses the same networks as
 * {@link Vae} with a z-wide code instead of (mu, logVar).
 */
public class Autoencoder extends EncoderDecoder {

    /** An autoencoder from an encoder images → (B, latentDim) and a decoder (B, latentDim) → logits. */
    public Autoencoder(Block encoder, Block decoder, int latentDim, Shape imageShape) {
        super(encoder, decoder, latentDim, imageShape);
    }

    /** The dense autoencoder 784-512-256-z for 28×28 grey images. */
    public static Autoencoder mlp(int latentDim) {
        return mlp(Networks.digitShape(), latentDim, 512, 256);
    }

    /** A dense autoencoder: encoder widths {@code hidden}, decoder the same in reverse. */
    public static Autoencoder mlp(Shape image, int latentDim, int... hidden) {
        return new Autoencoder(Networks.mlpEncoder(latentDim, hidden),
                Networks.mlpDecoder(image, reversed(hidden)), latentDim, image);
    }

    /** The convolutional autoencoder for 28×28 grey images (the conv VAE's networks), nearest upsampling. */
    public static Autoencoder conv28(int latentDim) {
        return conv28(latentDim, 0, Upsampling.Mode.NEAREST_CONV);
    }

    /** The convolutional autoencoder for 28×28 grey images; {@code hiddenFc = 0} for no dense hidden layer. */
    public static Autoencoder conv28(int latentDim, int hiddenFc, Upsampling.Mode mode) {
        return new Autoencoder(Networks.conv28Encoder(hiddenFc, latentDim),
                Networks.conv28Decoder(hiddenFc, mode), latentDim, Networks.digitShape());
    }

    /** Sets the decoder's likelihood (default {@link Reconstruction#bernoulli()}); returns this. */
    public Autoencoder setLikelihood(Reconstruction likelihood) {
        likelihood(likelihood);
        return this;
    }

    /** Initialises all parameters as float32; returns this. */
    public Autoencoder initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, batchShape(1));
        return this;
    }

    /** Codes z (B, latentDim) of images (B, C, H, W). */
    public NDArray encode(ParameterStore ps, NDArray x, boolean training) {
        requireImages(x);
        return runEncoder(ps, x, training);
    }

    /** Logits (B, C, H, W) for codes z (B, latentDim). */
    public NDArray decode(ParameterStore ps, NDArray z, boolean training) {
        requireLatents(z);
        return runDecoder(ps, z, training);
    }

    /** {@link #encode(ParameterStore, NDArray, boolean)} in inference mode. */
    public NDArray encode(NDArray x) {
        return encode(inference(x), x, false);
    }

    /** {@link #decode(ParameterStore, NDArray, boolean)} in inference mode. */
    public NDArray decode(NDArray z) {
        return decode(inference(z), z, false);
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
        return new Shape[] {batchShape(b), latentShape(b)};
    }
}
