package org.dgm4j.diffusion;

import static org.dgm4j.diffusion.ResidualBlock.call;
import static org.dgm4j.diffusion.ResidualBlock.silu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The time embedding of the U-Net: sinusoidal features of t (width {@code base}), then
 * dense → SiLU → dense to width {@code dim}. Input {@code NDList(t (B))}, float time steps; output (B, dim).
 */
public final class TimeEmbedding extends AbstractBlock {

    private final int base;
    private final int dim;
    private final Linear dense1;
    private final Linear dense2;

    /** Sinusoids of width {@code base} (even) mapped to width {@code dim}. */
    public TimeEmbedding(int base, int dim) {
        if (base < 2 || base % 2 != 0) {
            throw new IllegalArgumentException("time embedding width must be even and >= 2, got " + base);
        }
        this.base = base;
        this.dim = dim;
        dense1 = addChildBlock("dense1", Linear.builder().setUnits(dim).build());
        dense2 = addChildBlock("dense2", Linear.builder().setUnits(dim).build());
    }

    /**
     * Sinusoidal embedding of (possibly fractional) time steps: for i < dim/2, sin(t·ω_i) and cos(t·ω_i)
     * with ω_i = 10000^(-i/(dim/2)). Returns (B, dim).
     */
    public static NDArray sinusoids(NDArray t, int dim) {
        int half = dim / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
        }
        NDArray args = t.reshape(-1, 1).mul(t.getManager().create(freqs).reshape(1, half));
        return args.sin().concat(args.cos(), 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray t = inputs.singletonOrThrow().toType(DataType.FLOAT32, false).reshape(-1);
        return new NDList(call(dense2, store, silu(call(dense1, store, sinusoids(t, base), training)), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        dense1.initialize(manager, dataType, new Shape(b, base));
        dense2.initialize(manager, dataType, new Shape(b, dim));
    }
}
