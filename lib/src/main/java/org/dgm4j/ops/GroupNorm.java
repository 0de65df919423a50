package org.dgm4j.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He 2018) built from reshape and PyTorch's fused layer normalisation, since
 * the PyTorch engine of DJL has no GroupNorm operator. The C channels of (B, C, H, W) are split into G groups;
 * each (sample, group) is standardised over its C/G·H·W values, then scaled by a learnable γ and
 * shifted by a learnable β per channel (initialised to 1 and 0).
 */
public final class GroupNorm extends AbstractBlock {

    /** Default ε added to the variance. */
    public static final double DEFAULT_EPS = 1e-5;

    private final int groups;
    private final int channels;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;

    /** GroupNorm over {@code channels} channels in {@code groups} groups, ε = {@value #DEFAULT_EPS}. */
    public GroupNorm(int groups, int channels) {
        this(groups, channels, DEFAULT_EPS);
    }

    /** GroupNorm with an explicit ε. */
    public GroupNorm(int groups, int channels, double eps) {
        if (groups < 1 || channels < 1 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm needs channels divisible by groups, got "
                    + channels + " channels in " + groups + " groups; pick a group count that divides the width");
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).optInitializer(new ConstantInitializer(1f)).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).optInitializer(new ConstantInitializer(0f)).build());
    }

    /** The number of groups G. */
    public int groups() {
        return groups;
    }

    /**
     * Group-normalises {@code x} (B, C, H, W) and applies the per-channel affine map; differentiable in
     * x, γ and β.
     */
    public static NDArray apply(NDArray x, int groups, NDArray gamma, NDArray beta, double eps) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("GroupNorm expects (B, C, H, W), got " + s);
        }
        long b = s.get(0);
        long c = s.get(1);
        if (c % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + c + " channels are not divisible by " + groups + " groups");
        }
        // each (sample, group) row standardised by PyTorch's fused layer_norm (unit weight, zero bias)
        NDArray grouped = x.reshape(b, groups, -1);
        Shape row = new Shape(grouped.getShape().get(2));
        NDManager m = x.getManager();
        try (NDArray unit = m.ones(row); NDArray zero = m.zeros(row)) {
            NDArray normed = grouped.getNDArrayInternal().layerNorm(grouped, row, unit, zero, (float) eps)
                    .singletonOrThrow().reshape(s);
            // reshaped views of the parameters would belong to the parameters' manager: hand them to x's
            NDArray scale = gamma.reshape(1, c, 1, 1);
            NDArray shift = beta.reshape(1, c, 1, 1);
            scale.attach(m);
            shift.attach(m);
            return normed.mul(scale).add(shift);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("GroupNorm built for " + channels + " channels got input " + x.getShape());
        }
        NDArray g = store.getValue(gamma, x.getDevice(), training);
        NDArray bt = store.getValue(beta, x.getDevice(), training);
        return new NDList(apply(x, groups, g, bt, eps));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
