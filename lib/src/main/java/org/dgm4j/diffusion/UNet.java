package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dgm4j.ops.GroupNorm;
import org.dgm4j.ops.Scalars;
import org.dgm4j.ops.Upsampling;

/**
 * The noise-prediction network ε_θ(x_t, t) of a DDPM: a U-Net with a sinusoidal time embedding and
 * MLP, residual blocks with {@link GroupNorm} and SiLU that receive the time embedding, stride-2
 * convolutions to go down, nearest-neighbour ×2 plus a convolution to the next level's width to go up
 * (the engine has no transposed convolution), skip connections by concatenation and optional self-attention at the
 * lowest resolution. Input: {@code NDList(x (B, 1, H, W), t (B))}; output: ε̂ of x's shape.
 */
public final class UNet extends AbstractBlock {

    private final UNetConfig config;
    private final int timeDim;
    private final Map<Block, Shape> initShapes = new IdentityHashMap<>();
    private int blockCount;

    private final Linear timeDense1;
    private final Linear timeDense2;
    private final Conv2d inputConv;
    private final List<List<ResBlock>> downBlocks = new ArrayList<>();
    private final List<Conv2d> downsamplers = new ArrayList<>();
    private final ResBlock middle1;
    private final Attention middleAttention;
    private final ResBlock middle2;
    private final List<List<ResBlock>> upBlocks = new ArrayList<>();
    private final List<Conv2d> upsamplers = new ArrayList<>();
    private final List<Attention> lowAttention = new ArrayList<>();
    private final GroupNorm outputNorm;
    private final Conv2d outputConv;

    /** A U-Net for one-channel images shaped by {@code config}; call {@link #initialize(NDManager, int, int)}. */
    public UNet(UNetConfig config) {
        this.config = config;
        int base = config.baseChannels();
        timeDim = 4 * base;
        timeDense1 = dense(base, timeDim);
        timeDense2 = dense(timeDim, timeDim);
        inputConv = conv(1, base, 3, 1);
        Deque<Integer> skips = new ArrayDeque<>();
        skips.push(base);
        int ch = base;
        int levels = config.levels();
        for (int level = 0; level < levels; level++) {
            List<ResBlock> blocks = new ArrayList<>();
            for (int r = 0; r < config.resBlocks(); r++) {
                blocks.add(new ResBlock(ch, config.width(level)));
                ch = config.width(level);
                if (level == levels - 1 && config.attention()) {
                    lowAttention.add(new Attention(ch));
                }
                skips.push(ch);
            }
            downBlocks.add(blocks);
            if (level < levels - 1) {
                downsamplers.add(conv(ch, ch, 3, 2));
                skips.push(ch);
            }
        }
        middle1 = new ResBlock(ch, ch);
        middleAttention = config.attention() ? new Attention(ch) : null;
        middle2 = new ResBlock(ch, ch);
        for (int level = levels - 1; level >= 0; level--) {
            List<ResBlock> blocks = new ArrayList<>();
            for (int r = 0; r <= config.resBlocks(); r++) {
                blocks.add(new ResBlock(ch + skips.pop(), config.width(level)));
                ch = config.width(level);
                if (level == levels - 1 && config.attention()) {
                    lowAttention.add(new Attention(ch));
                }
            }
            upBlocks.add(blocks);
            if (level > 0) {
                upsamplers.add(conv(ch, config.width(level - 1), 3, 1));
                ch = config.width(level - 1);
            }
        }
        outputNorm = norm(ch);
        outputConv = conv(ch, 1, 3, 1);
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
    }

    /** The configuration this network was built from. */
    public UNetConfig config() {
        return config;
    }

    /**
     * Allocates the parameters in {@code manager} for images of {@code height}×{@code width} (the
     * parameters do not depend on the size; the size is checked against the number of levels).
     */
    public UNet initialize(NDManager manager, int height, int width) {
        checkSize(height, width);
        initialize(manager, DataType.FLOAT32, new Shape(1, 1, height, width), new Shape(1));
        return this;
    }

    /** Number of trainable scalars (after initialisation). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : getParameters().values()) {
            if (!p.isInitialized()) {
                throw new IllegalStateException("initialise the U-Net before counting its parameters");
            }
            n += p.getArray().size();
        }
        return n;
    }

    /** ε̂ = ε_θ(x_t, t) for images x (B, 1, H, W) and float time steps t (B). */
    public NDArray predict(ParameterStore store, NDArray x, NDArray t, boolean training) {
        return forward(store, new NDList(x, t), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("UNet expects NDList(x (B,1,H,W), t (B)), got " + inputs.size() + " arrays");
        }
        NDArray x = inputs.get(0);
        NDArray t = inputs.get(1);
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != 1) {
            throw new IllegalArgumentException("UNet expects images (B, 1, H, W), got " + s);
        }
        checkSize(s.get(2), s.get(3));
        int pad = config.padding();
        if (pad > 0) {
            x = x.pad(new Shape(pad, pad, pad, pad), 0);
        }
        NDArray temb = timeEmbedding(t.toType(DataType.FLOAT32, false).reshape(-1), config.baseChannels());
        temb = call(timeDense2, store, silu(call(timeDense1, store, temb, training)), training);
        NDArray h = call(inputConv, store, x, training);
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(h);
        int attention = 0;
        int levels = config.levels();
        for (int level = 0; level < levels; level++) {
            for (ResBlock block : downBlocks.get(level)) {
                h = block.forward(store, h, temb, training);
                if (level == levels - 1 && config.attention()) {
                    h = lowAttention.get(attention++).forward(store, h, training);
                }
                skips.push(h);
            }
            if (level < levels - 1) {
                h = call(downsamplers.get(level), store, h, training);
                skips.push(h);
            }
        }
        h = middle1.forward(store, h, temb, training);
        if (middleAttention != null) {
            h = middleAttention.forward(store, h, training);
        }
        h = middle2.forward(store, h, temb, training);
        for (int i = 0; i < levels; i++) {
            int level = levels - 1 - i;
            for (ResBlock block : upBlocks.get(i)) {
                h = block.forward(store, h.concat(skips.pop(), 1), temb, training);
                if (level == levels - 1 && config.attention()) {
                    h = lowAttention.get(attention++).forward(store, h, training);
                }
            }
            if (level > 0) {
                h = call(upsamplers.get(i), store, Upsampling.nearest(h, 2), training);
            }
        }
        NDArray out = call(outputConv, store, silu(call(outputNorm, store, h, training)), training);
        if (pad > 0) {
            out = out.get(new NDIndex(":, :, {}:{}, {}:{}", pad, pad + s.get(2), pad, pad + s.get(3)));
        }
        return new NDList(out);
    }

    /**
     * Sinusoidal embedding of (possibly fractional) time steps: for i < dim/2, sin(t·ω_i) and cos(t·ω_i)
     * with ω_i = 10000^(-i/(dim/2)). Returns (B, dim).
     */
    public static NDArray timeEmbedding(NDArray t, int dim) {
        if (dim < 2 || dim % 2 != 0) {
            throw new IllegalArgumentException("time embedding width must be even and >= 2, got " + dim);
        }
        int half = dim / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
        }
        NDArray args = t.reshape(-1, 1).mul(t.getManager().create(freqs).reshape(1, half));
        return args.sin().concat(args.cos(), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : children.values()) {
            child.initialize(manager, dataType, initShapes.get(child));
        }
    }

    private void checkSize(long height, long width) {
        long factor = 1L << (config.levels() - 1);
        long h = height + 2L * config.padding();
        long w = width + 2L * config.padding();
        if (h % factor != 0 || w % factor != 0) {
            throw new IllegalArgumentException("a " + config.levels() + "-level U-Net needs (padded) sides divisible by "
                    + factor + ", got " + h + "×" + w + " (" + height + "×" + width + " + padding "
                    + config.padding() + "); change the padding or the number of multipliers");
        }
    }

    private static NDArray call(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    private static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    private <B extends Block> B register(B block, Shape initShape) {
        initShapes.put(block, initShape);
        return addChildBlock(block.getClass().getSimpleName().toLowerCase() + (blockCount++), block);
    }

    private Conv2d conv(int in, int out, int kernel, int stride) {
        Conv2d c = Conv2d.builder().setFilters(out).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2)).build();
        return register(c, new Shape(1, in, 8, 8));
    }

    private Linear dense(int in, int out) {
        return register(Linear.builder().setUnits(out).build(), new Shape(1, in));
    }

    private GroupNorm norm(int channels) {
        return register(new GroupNorm(Math.min(config.groups(), channels), channels), new Shape(1, channels, 8, 8));
    }

    /** GroupNorm → SiLU → conv, plus the projected time embedding, twice; residual (1×1 conv if widths differ). */
    private final class ResBlock {
        private final GroupNorm norm1;
        private final Conv2d conv1;
        private final Linear time;
        private final GroupNorm norm2;
        private final Conv2d conv2;
        private final Conv2d shortcut;
        private final int out;

        ResBlock(int in, int out) {
            this.out = out;
            norm1 = norm(in);
            conv1 = conv(in, out, 3, 1);
            time = dense(timeDim, out);
            norm2 = norm(out);
            conv2 = conv(out, out, 3, 1);
            shortcut = in == out ? null : conv(in, out, 1, 1);
        }

        NDArray forward(ParameterStore store, NDArray x, NDArray temb, boolean training) {
            NDArray h = call(conv1, store, silu(call(norm1, store, x, training)), training);
            h = h.add(call(time, store, silu(temb), training).reshape(-1, out, 1, 1));
            h = call(conv2, store, silu(call(norm2, store, h, training)), training);
            return h.add(shortcut == null ? x : call(shortcut, store, x, training));
        }
    }

    /** Single-head self-attention over the H·W positions, residual. */
    private final class Attention {
        private final GroupNorm norm;
        private final Conv2d qkv;
        private final Conv2d projection;
        private final int channels;

        Attention(int channels) {
            this.channels = channels;
            norm = norm(channels);
            qkv = conv(channels, 3 * channels, 1, 1);
            projection = conv(channels, channels, 1, 1);
        }

        NDArray forward(ParameterStore store, NDArray x, boolean training) {
            Shape s = x.getShape();
            long b = s.get(0);
            long n = s.get(2) * s.get(3);
            NDArray qkvs = call(qkv, store, call(norm, store, x, training), training).reshape(b, 3, channels, n);
            NDArray q = qkvs.get(new NDIndex(":, 0"));
            NDArray k = qkvs.get(new NDIndex(":, 1"));
            NDArray v = qkvs.get(new NDIndex(":, 2"));
            NDArray weights = Scalars.mul(q.transpose(0, 2, 1).matMul(k), 1.0 / Math.sqrt(channels)).softmax(2);
            NDArray attended = v.matMul(weights.transpose(0, 2, 1)).reshape(s);
            return x.add(call(projection, store, attended, training));
        }
    }
}
