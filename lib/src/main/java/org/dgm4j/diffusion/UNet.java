package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.dgm4j.ops.GroupNorm;
import org.dgm4j.ops.Scopes;
import org.dgm4j.ops.Upsampling;

/**
 * The noise-prediction network ε_θ(x_t, t[, y]) of a DDPM: a U-Net built from blocks — a
 * {@link TimeEmbedding} (plus a {@link LabelEmbedding} when the configuration has classes), per
 * resolution level {@link ResidualBlock}s that receive the embedding and optional {@link SelfAttention}
 * at the lowest resolution, stride-2 convolutions to go down, nearest-neighbour ×2 plus a convolution to
 * go up (the engine has no transposed convolution), and skip connections by concatenation.
 *
 * <p>Children are named by their place, so parameters read {@code down.0.res.0.conv1.weight},
 * {@code middle.attn.qkv.bias}, {@code up.1.upsample.weight} (see {@link BlockCensus#parameterNames}).
 * Input: {@code NDList(x (B, 1, H, W), t (B))}, plus labels {@code y (B)} in 0..K for a conditional
 * network (K = the null label); output: ε̂ of x's shape.
 */
public final class UNet extends AbstractBlock {

    private final UNetConfig config;
    private final TimeEmbedding time;
    private final LabelEmbedding label;
    private final Conv2d input;
    private final List<Level> down = new ArrayList<>();
    private final Level middle;
    private final List<Level> up = new ArrayList<>();
    private final GroupNorm outputNorm;
    private final Conv2d outputConv;

    /** The blocks of one resolution level (or of the middle) in the order they run; {@code resize} may be null. */
    private record Level(List<ResidualBlock> res, List<SelfAttention> attention, Conv2d resize) {}

    /** A U-Net for one-channel images shaped by {@code config}; call {@link #initialize(NDManager, int, int)}. */
    public UNet(UNetConfig config) {
        this.config = config;
        int base = config.baseChannels();
        int timeDim = 4 * base;
        int groups = config.groups();
        time = addChildBlock("time", new TimeEmbedding(base, timeDim));
        label = config.classes() > 0 ? addChildBlock("label", new LabelEmbedding(config.classes(), timeDim)) : null;
        input = addChildBlock("input", ResidualBlock.conv(base, 3));
        Deque<Integer> skips = new ArrayDeque<>();
        skips.push(base);
        int ch = base;
        int levels = config.levels();
        for (int level = 0; level < levels; level++) {
            String name = "down." + level;
            boolean attend = level == levels - 1 && config.attention();
            List<ResidualBlock> res = new ArrayList<>();
            List<SelfAttention> attention = new ArrayList<>();
            for (int r = 0; r < config.resBlocks(); r++) {
                res.add(addChildBlock(name + ".res." + r, new ResidualBlock(ch, config.width(level), groups, config.scaleShift())));
                ch = config.width(level);
                if (attend) {
                    attention.add(addChildBlock(name + ".attn." + r, new SelfAttention(ch, groups)));
                }
                skips.push(ch);
            }
            Conv2d resize = null;
            if (level < levels - 1) {
                resize = addChildBlock(name + ".downsample", Conv2d.builder().setFilters(ch).setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build());
                skips.push(ch);
            }
            down.add(new Level(res, attention, resize));
        }
        List<ResidualBlock> middleRes = new ArrayList<>();
        middleRes.add(addChildBlock("middle.res.0", new ResidualBlock(ch, ch, groups, config.scaleShift())));
        List<SelfAttention> middleAttention = config.attention()
                ? List.of(addChildBlock("middle.attn", new SelfAttention(ch, groups))) : List.of();
        middleRes.add(addChildBlock("middle.res.1", new ResidualBlock(ch, ch, groups, config.scaleShift())));
        middle = new Level(middleRes, middleAttention, null);
        for (int i = 0; i < levels; i++) {
            int level = levels - 1 - i;
            String name = "up." + i;
            boolean attend = level == levels - 1 && config.attention();
            List<ResidualBlock> res = new ArrayList<>();
            List<SelfAttention> attention = new ArrayList<>();
            for (int r = 0; r <= config.resBlocks(); r++) {
                res.add(addChildBlock(name + ".res." + r, new ResidualBlock(ch + skips.pop(), config.width(level), groups, config.scaleShift())));
                ch = config.width(level);
                if (attend) {
                    attention.add(addChildBlock(name + ".attn." + r, new SelfAttention(ch, groups)));
                }
            }
            Conv2d resize = null;
            if (level > 0) {
                ch = config.width(level - 1);
                resize = addChildBlock(name + ".upsample", ResidualBlock.conv(ch, 3));
            }
            up.add(new Level(res, attention, resize));
        }
        outputNorm = addChildBlock("out.norm", new GroupNorm(Math.min(groups, ch), ch));
        outputConv = addChildBlock("out.conv", ResidualBlock.conv(1, 3));
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
        initialize(manager, DataType.FLOAT32, inputShapes(height, width));
        return this;
    }

    /** Initialisation shapes for one image of {@code height}×{@code width}: x, t and, when conditional, y. */
    public Shape[] inputShapes(int height, int width) {
        Shape x = new Shape(1, 1, height, width);
        return label == null ? new Shape[] {x, new Shape(1)} : new Shape[] {x, new Shape(1), new Shape(1)};
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

    /** Parameters and block counts by block type (residual blocks, attention, embeddings, convolutions, norms). */
    public List<BlockCensus> census() {
        return BlockCensus.byType(this);
    }

    /** ε̂ = ε_θ(x_t, t) for images x (B, 1, H, W) and float time steps t (B) of an unconditional network. */
    public NDArray predict(ParameterStore store, NDArray x, NDArray t, boolean training) {
        return forward(store, new NDList(x, t), training).singletonOrThrow();
    }

    /** ε̂ = ε_θ(x_t, t, y) of a conditional network, labels y (B) in 0..K (K = the null label). */
    public NDArray predict(ParameterStore store, NDArray x, NDArray t, NDArray y, boolean training) {
        return forward(store, new NDList(x, t, y), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        int expected = label == null ? 2 : 3;
        if (inputs.size() != expected) {
            throw new IllegalArgumentException(label == null
                    ? "an unconditional UNet takes NDList(x (B,1,H,W), t (B)), got " + inputs.size() + " arrays"
                    : "a conditional UNet takes NDList(x (B,1,H,W), t (B), y (B)); pass the null label "
                            + label.nullLabel() + " for no label; got " + inputs.size() + " arrays");
        }
        Shape s = inputs.get(0).getShape();
        if (s.dimension() != 4 || s.get(1) != 1) {
            throw new IllegalArgumentException("UNet expects images (B, 1, H, W), got " + s);
        }
        checkSize(s.get(2), s.get(3));
        return new NDList(walk(inputs, new ArrayFlow(store, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkSize(inputShapes[0].get(2), inputShapes[0].get(3));
        walk(List.of(inputShapes), new ShapeFlow(manager, dataType));
    }

    /**
     * The network's one data flow, over arrays (forward) or over shapes (initialisation, each block
     * initialised with the shape it really receives).
     */
    private <V> V walk(List<V> inputs, Flow<V> flow) {
        V temb = flow.apply(time, inputs.get(1));
        if (label != null) {
            temb = flow.add(temb, flow.apply(label, inputs.get(2)));
        }
        V h = flow.apply(input, flow.pad(inputs.get(0), config.padding()));
        Deque<V> skips = new ArrayDeque<>();
        skips.push(h);
        for (Level level : down) {
            for (int r = 0; r < level.res().size(); r++) {
                h = attend(level, r, flow.apply(level.res().get(r), h, temb), flow);
                skips.push(h);
            }
            if (level.resize() != null) {
                h = flow.apply(level.resize(), h);
                skips.push(h);
            }
        }
        h = flow.apply(middle.res().get(0), h, temb);
        h = attend(middle, 0, h, flow);
        h = flow.apply(middle.res().get(1), h, temb);
        for (Level level : up) {
            for (int r = 0; r < level.res().size(); r++) {
                h = attend(level, r, flow.apply(level.res().get(r), flow.concat(h, skips.pop()), temb), flow);
            }
            if (level.resize() != null) {
                h = flow.apply(level.resize(), flow.upsample(h));
            }
        }
        return flow.crop(flow.apply(outputConv, flow.silu(flow.apply(outputNorm, h))), config.padding());
    }

    private static <V> V attend(Level level, int r, V h, Flow<V> flow) {
        return r < level.attention().size() ? flow.apply(level.attention().get(r), h) : h;
    }

    /** The operations of {@link #walk} on values of type V. */
    private interface Flow<V> {
        V apply(Block block, V x);

        V apply(Block block, V x, V embedding);

        V add(V a, V b);

        V concat(V a, V b);

        V upsample(V x);

        V silu(V x);

        V pad(V x, int pad);

        V crop(V x, int pad);
    }

    /**
     * The forward pass. Each block runs in its own sub-manager that keeps only the block's output: the
     * temporaries inside a block are freed as soon as it returns (autograd keeps what the backward pass needs),
     * so a forward pass holds the skip connections, not every activation of the network.
     */
    private record ArrayFlow(ParameterStore store, boolean training) implements Flow<NDArray> {
        public NDArray apply(Block block, NDArray x) {
            return scoped(block, new NDList(x));
        }

        public NDArray apply(Block block, NDArray x, NDArray embedding) {
            return scoped(block, new NDList(x, embedding));
        }

        private NDArray scoped(Block block, NDList inputs) {
            return Scopes.keepResult(scope -> block.forward(store, inputs, training).singletonOrThrow(),
                    inputs.toArray(new NDArray[0]));
        }

        public NDArray add(NDArray a, NDArray b) {
            return a.add(b);
        }

        public NDArray concat(NDArray a, NDArray b) {
            return a.concat(b, 1);
        }

        public NDArray upsample(NDArray x) {
            return Upsampling.nearest(x, 2);
        }

        public NDArray silu(NDArray x) {
            return ResidualBlock.silu(x);
        }

        public NDArray pad(NDArray x, int pad) {
            return pad == 0 ? x : x.pad(new Shape(pad, pad, pad, pad), 0);
        }

        public NDArray crop(NDArray x, int pad) {
            Shape s = x.getShape();
            return pad == 0 ? x : x.get(new NDIndex(":, :, {}:{}, {}:{}", pad, s.get(2) - pad, pad, s.get(3) - pad));
        }
    }

    /** Initialisation: every block is initialised with its real input shapes. */
    private record ShapeFlow(NDManager manager, DataType dataType) implements Flow<Shape> {
        public Shape apply(Block block, Shape x) {
            block.initialize(manager, dataType, x);
            return block.getOutputShapes(new Shape[] {x})[0];
        }

        public Shape apply(Block block, Shape x, Shape embedding) {
            block.initialize(manager, dataType, x, embedding);
            return block.getOutputShapes(new Shape[] {x, embedding})[0];
        }

        public Shape add(Shape a, Shape b) {
            return a;
        }

        public Shape concat(Shape a, Shape b) {
            return new Shape(a.get(0), a.get(1) + b.get(1), a.get(2), a.get(3));
        }

        public Shape upsample(Shape x) {
            return new Shape(x.get(0), x.get(1), 2 * x.get(2), 2 * x.get(3));
        }

        public Shape silu(Shape x) {
            return x;
        }

        public Shape pad(Shape x, int pad) {
            return new Shape(x.get(0), x.get(1), x.get(2) + 2L * pad, x.get(3) + 2L * pad);
        }

        public Shape crop(Shape x, int pad) {
            return new Shape(x.get(0), x.get(1), x.get(2) - 2L * pad, x.get(3) - 2L * pad);
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
}
