package org.dgm4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import org.dgm4j.ops.Upsampling;

/**
 * Encoder and decoder networks shared by the autoencoders and VAEs. Encoders map images
 * (B, C, H, W) to (B, out); decoders map (B, in) to logits (B, C, H, W). Input widths of linear layers
 * are inferred at initialisation, so a conditional model can feed wider inputs.
 */
public final class Networks {

    private static final int[] CONV28_CHANNELS = {32, 64};

    private Networks() {}

    /** Flatten, then {@code Linear(h) → ReLU} for each hidden width, then {@code Linear(out)}. */
    public static Block mlpEncoder(int out, int... hidden) {
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        addDenseStack(net, hidden);
        return net.add(linear(out));
    }

    /** {@code Linear(h) → ReLU} for each hidden width, then {@code Linear(C·H·W)} reshaped to images. */
    public static Block mlpDecoder(Shape image, int... hidden) {
        requireImageShape(image);
        SequentialBlock net = new SequentialBlock();
        addDenseStack(net, hidden);
        return net.add(linear(Math.toIntExact(image.size()))).add(reshapeTo(image));
    }

    /**
     * Strided convolutions (stride 2, ReLU) with the given channel counts, flatten, dense hidden layers
     * (ReLU), then {@code Linear(out)}.
     *
     * @param kernel square kernel size (3 for the 28×28 VAE, 4 for the β-VAE)
     * @param padding zero padding on each side (1 in both architectures)
     */
    public static Block convEncoder(int[] channels, int kernel, int padding, int[] hidden, int out) {
        SequentialBlock net = new SequentialBlock();
        for (int c : channels) {
            net.add(Conv2d.builder()
                            .setFilters(c)
                            .setKernelShape(new Shape(kernel, kernel))
                            .optStride(new Shape(2, 2))
                            .optPadding(new Shape(padding, padding))
                            .build())
                    .add(Activation.reluBlock());
        }
        net.add(Blocks.batchFlattenBlock());
        addDenseStack(net, hidden);
        return net.add(linear(out));
    }

    /**
     * The mirror of {@link #convEncoder}: dense hidden layers (ReLU, in the given order), a dense layer to
     * {@code channels[last] × s × s} (ReLU) with {@code s = H / 2^L}, then for each encoder layer in reverse
     * a ×2 {@link Upsampling#block upsampling block} (3×3 kernel) to the previous encoder's channel count,
     * and finally to the image's channel count (no activation: logits).
     */
    public static Block convDecoder(Shape image, int[] channels, int[] hidden, Upsampling.Mode mode) {
        int layers = channels.length;
        if (layers == 0) {
            throw new IllegalArgumentException("a decoder needs at least one layer, got none for image " + image);
        }
        SequentialBlock net = decoderStem(image, channels[layers - 1], layers, hidden);
        for (int i = layers - 2; i >= 0; i--) {
            net.add(Upsampling.block(mode, channels[i], 3, 2)).add(Activation.reluBlock());
        }
        return net.add(Upsampling.block(mode, Math.toIntExact(image.get(0)), 3, 2));
    }

    /**
     * The reference study's deeper encoder: convolutions with the given channel counts, alternately
     * 4×4 stride 2 (the side halves; layers 0, 2, 4, ...) and 3×3 stride 1 (the side stays), each followed by
     * batch normalisation and ReLU; then flatten, dense hidden layers (ReLU) and {@code Linear(out)}.
     * An odd number of layers halves the side (L + 1)/2 times.
     */
    public static Block deepConvEncoder(int[] channels, int[] hidden, int out) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < channels.length; i++) {
            boolean halves = i % 2 == 0;
            int kernel = halves ? 4 : 3;
            net.add(Conv2d.builder().setFilters(channels[i]).setKernelShape(new Shape(kernel, kernel))
                    .optStride(halves ? new Shape(2, 2) : new Shape(1, 1)).optPadding(new Shape(1, 1)).build());
            addNormRelu(net);
        }
        net.add(Blocks.batchFlattenBlock());
        addDenseStack(net, hidden);
        return net.add(linear(out));
    }

    /**
     * The mirror of {@link #deepConvEncoder}: dense hidden layers, a dense layer to the last encoder layer's
     * channels at side H / 2^((L + 1)/2) (ReLU); then, undoing encoder layer j = L-1 … 1, a ×2
     * {@link Upsampling#block upsampling block} where layer j halved the side and a 3×3 convolution where it
     * kept it, to layer j-1's channel count, each followed by batch normalisation and ReLU; finally a ×2
     * upsampling block to the image's channels (logits).
     */
    public static Block deepConvDecoder(Shape image, int[] channels, int[] hidden, Upsampling.Mode mode) {
        int layers = channels.length;
        if (layers % 2 == 0) {
            throw new IllegalArgumentException("the deep decoder needs an odd number of layers, got " + layers);
        }
        SequentialBlock net = decoderStem(image, channels[layers - 1], (layers + 1) / 2, hidden);
        for (int j = layers - 1; j >= 1; j--) {
            net.add(j % 2 == 0 ? Upsampling.block(mode, channels[j - 1], 3, 2) : Upsampling.sameConv(channels[j - 1], 3));
            addNormRelu(net);
        }
        return net.add(Upsampling.block(mode, Math.toIntExact(image.get(0)), 3, 2));
    }

    /**
     * A decoder's start: dense hidden layers (ReLU), then a dense layer to {@code channels × H/2^k × W/2^k} (ReLU),
     * reshaped to that feature map, for a decoder that upsamples ×2 {@code k = halvings} times.
     */
    private static SequentialBlock decoderStem(Shape image, int channels, int halvings, int[] hidden) {
        requireImageShape(image);
        long h = image.get(1), w = image.get(2);
        long factor = 1L << halvings;
        if (h % factor != 0 || w % factor != 0) {
            throw new IllegalArgumentException("a decoder with " + halvings + " ×2 upsamplings needs H and W"
                    + " divisible by " + factor + ", got image " + image);
        }
        Shape start = new Shape(channels, h / factor, w / factor);
        SequentialBlock net = new SequentialBlock();
        addDenseStack(net, hidden);
        return net.add(linear(Math.toIntExact(start.size()))).add(Activation.reluBlock()).add(reshapeTo(start));
    }

    private static void addNormRelu(SequentialBlock net) {
        net.add(BatchNorm.builder().build()).add(Activation.reluBlock());
    }

    /** The shape (1, 28, 28) of the grey digit images. */
    static Shape digitShape() {
        return new Shape(1, 28, 28);
    }

    /**
     * The encoder of the convolutional 28×28 models: Conv 32, 64 (3×3, stride 2, padding 1), a dense ReLU
     * layer of width {@code hiddenFc} unless it is 0, then {@code Linear(out)}.
     */
    static Block conv28Encoder(int hiddenFc, int out) {
        return convEncoder(CONV28_CHANNELS, 3, 1, denseWidths(hiddenFc), out);
    }

    /** The mirror of {@link #conv28Encoder} for {@link #digitShape()} images. */
    static Block conv28Decoder(int hiddenFc, Upsampling.Mode mode) {
        return convDecoder(digitShape(), CONV28_CHANNELS, denseWidths(hiddenFc), mode);
    }

    /** A block reshaping (B, ·) to (B, shape...). */
    public static Block reshapeTo(Shape shape) {
        long[] dims = new long[shape.dimension() + 1];
        dims[0] = -1;
        System.arraycopy(shape.getShape(), 0, dims, 1, shape.dimension());
        return LambdaBlock.singleton(x -> x.reshape(dims), "reshape" + shape);
    }

    static void requireImageShape(Shape image) {
        if (image.dimension() != 3) {
            throw new IllegalArgumentException("image shape must be (C, H, W), got " + image);
        }
    }

    private static int[] denseWidths(int hiddenFc) {
        return hiddenFc > 0 ? new int[] {hiddenFc} : new int[0];
    }

    private static void addDenseStack(SequentialBlock net, int[] hidden) {
        for (int width : hidden) {
            net.add(linear(width)).add(Activation.reluBlock());
        }
    }

    private static Linear linear(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("layer widths must be positive, got " + units);
        }
        return Linear.builder().setUnits(units).build();
    }
}
