package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.Describable;

/**
 * What {@link Autoencoder}, {@link Vae} and {@link ConditionalVae} share: an encoder and a decoder as the
 * child blocks {@code encoder} and {@code decoder}, the latent dimension and the image shape (C, H, W),
 * with the shape checks on images and latents, and the decoder's likelihood p(x|z) (Bernoulli unless
 * set), which objectives and metrics take from the model so that they all score with the same one.
 */
public abstract class EncoderDecoder extends AbstractBlock implements Describable {

    private final Block encoder;
    private final Block decoder;
    private final int latentDim;
    private final Shape imageShape;
    private Reconstruction likelihood = Reconstruction.bernoulli();

    /** Registers the networks as children {@code encoder} then {@code decoder} (their parameter names). */
    protected EncoderDecoder(Block encoder, Block decoder, int latentDim, Shape imageShape) {
        if (latentDim <= 0) {
            throw new IllegalArgumentException("latentDim must be positive, got " + latentDim);
        }
        Networks.requireImageShape(imageShape);
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
        this.latentDim = latentDim;
        this.imageShape = imageShape;
    }

    /** Dimension of z. */
    public int latentDim() {
        return latentDim;
    }

    /** Image shape (C, H, W). */
    public Shape imageShape() {
        return imageShape;
    }

    /** A parameter store for inference on {@code x}: temporaries go to x's manager. */
    protected static ParameterStore inference(NDArray x) {
        return new ParameterStore(x.getManager(), false);
    }

    /** The decoder's likelihood: its −log p(x|z) from the decoder's logits. */
    public Reconstruction likelihood() {
        return likelihood;
    }

    /** The architecture (DJL's description of the blocks), the shapes and the likelihood. */
    @Override
    public String describe() {
        return getClass().getSimpleName() + "(latent=" + latentDim + ", image=" + imageShape + ", likelihood="
                + likelihood + ", blocks=" + toString().replace('\n', ' ') + ")";
    }

    /** Sets the decoder's likelihood; for the public, typed setters of the subclasses. */
    protected void likelihood(Reconstruction likelihood) {
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
    }

    /** The encoder's single output for its single input {@code in}. */
    protected NDArray runEncoder(ParameterStore ps, NDArray in, boolean training) {
        return encoder.forward(ps, new NDList(in), training).singletonOrThrow();
    }

    /** The decoder's logits for its single input {@code in}. */
    protected NDArray runDecoder(ParameterStore ps, NDArray in, boolean training) {
        return decoder.forward(ps, new NDList(in), training).singletonOrThrow();
    }

    /** q(z|·) from an encoder output (B, 2·latentDim): mu then logVar. */
    protected Gaussian posterior(NDArray h) {
        return new Gaussian(h.get(new NDIndex(":, :{}", latentDim)), h.get(new NDIndex(":, {}:", latentDim)));
    }

    /** Initialises the encoder for inputs {@code encoderInput} and the decoder for {@code decoderInput}. */
    protected void initializeNetworks(NDManager manager, DataType dataType, Shape encoderInput, Shape decoderInput) {
        encoder.initialize(manager, dataType, encoderInput);
        decoder.initialize(manager, dataType, decoderInput);
    }

    /** The encoder reads the images, the decoder z. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        initializeNetworks(manager, dataType, inputShapes[0], latentShape(inputShapes[0].get(0)));
    }

    /** (B, C, H, W) for this model's images. */
    protected Shape batchShape(long b) {
        return new Shape(b, imageShape.get(0), imageShape.get(1), imageShape.get(2));
    }

    /** (B, latentDim). */
    protected Shape latentShape(long b) {
        return new Shape(b, latentDim);
    }

    /** Throws unless x is a batch of images of {@link #imageShape()}. */
    protected void requireImages(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || !s.slice(1).equals(imageShape)) {
            throw new IllegalArgumentException("expected images (B, " + imageShape.get(0) + ", "
                    + imageShape.get(1) + ", " + imageShape.get(2) + "), got " + s
                    + (imageShape.get(1) == 64 && s.dimension() == 4 && s.get(2) == 28
                            ? "; resize 28→64 in the data layer" : ""));
        }
    }

    /** Throws unless z is (B, latentDim). */
    protected void requireLatents(NDArray z) {
        Shape s = z.getShape();
        if (s.dimension() != 2 || s.get(1) != latentDim) {
            throw new IllegalArgumentException("expected latents (B, " + latentDim + "), got " + s);
        }
    }

    /** The decoder widths mirroring encoder widths {@code hidden}. */
    static int[] reversed(int[] hidden) {
        int[] r = new int[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            r[i] = hidden[hidden.length - 1 - i];
        }
        return r;
    }
}
