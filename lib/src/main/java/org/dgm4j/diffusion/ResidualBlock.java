package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dgm4j.ops.GroupNorm;

/**
 * The U-Net's residual block with time conditioning: h = conv1(SiLU(norm1(x))) + time(SiLU(e)), then
 * out = conv2(SiLU(norm2(h))) + shortcut(x), where e is the time (and label) embedding and the shortcut
 * is a 1×1 convolution when the widths differ. With scale-shift conditioning (improved-diffusion's
 * {@code use_scale_shift_norm}, a FiLM layer) the embedding gives a scale s and a shift b per channel
 * instead: h = conv1(SiLU(norm1(x))), out = conv2(SiLU(norm2(h)·(1 + s) + b)) + shortcut(x), so the
 * time and the label multiply the features rather than only offset them.
 * Input {@code NDList(x (B, in, H, W), e (B, E))}; output (B, out, H, W).
 */
public final class ResidualBlock extends AbstractBlock {

    private final int out;
    private final boolean scaleShift;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear time;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d shortcut;

    /** A block from {@code in} to {@code out} channels with {@code groups} GroupNorm groups (at most the width). */
    public ResidualBlock(int in, int out, int groups) {
        this(in, out, groups, false);
    }

    /** As {@link #ResidualBlock(int, int, int)}, with scale-shift conditioning when {@code scaleShift}. */
    public ResidualBlock(int in, int out, int groups, boolean scaleShift) {
        this.out = out;
        this.scaleShift = scaleShift;
        norm1 = addChildBlock("norm1", new GroupNorm(Math.min(groups, in), in));
        conv1 = addChildBlock("conv1", conv(out, 3));
        time = addChildBlock("time", Linear.builder().setUnits(scaleShift ? 2L * out : out).build());
        norm2 = addChildBlock("norm2", new GroupNorm(Math.min(groups, out), out));
        conv2 = addChildBlock("conv2", conv(out, 3));
        shortcut = in == out ? null : addChildBlock("shortcut", conv(out, 1));
    }

    /** A same-padded, stride-1 convolution with {@code filters} outputs and a square {@code kernel}. */
    static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2)).build();
    }

    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    static NDArray call(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray h = call(conv1, store, silu(call(norm1, store, x, training)), training);
        NDArray e = call(time, store, silu(inputs.get(1)), training);
        if (scaleShift) {
            NDList scaleAndShift = e.reshape(-1, 2 * out, 1, 1).split(2, 1);
            h = call(norm2, store, h, training);
            h = h.add(h.mul(scaleAndShift.get(0))).add(scaleAndShift.get(1));
        } else {
            h = call(norm2, store, h.add(e.reshape(-1, out, 1, 1)), training);
        }
        h = call(conv2, store, silu(h), training);
        return new NDList(h.add(shortcut == null ? x : call(shortcut, store, x, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), out, x.get(2), x.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape h = getOutputShapes(inputShapes)[0];
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        time.initialize(manager, dataType, inputShapes[1]);
        norm2.initialize(manager, dataType, h);
        conv2.initialize(manager, dataType, h);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, x);
        }
    }
}
