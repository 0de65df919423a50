package org.dgm4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dgm4j.diffusion.NoisePredictor;
import org.dgm4j.diffusion.TimeEmbedding;

/**
 * The noise-prediction network ε_θ(ẑ_t, t) of a latent DDPM: an MLP over code vectors (B, D). The time
 * step enters as a sinusoidal embedding of width {@code timeDim} ({@link TimeEmbedding#sinusoids}) passed through
 * two dense layers to an embedding e(t) of the hidden width; the code is projected to the hidden width and
 * goes through {@code blocks} residual blocks h ← h + W₂ SiLU(W₁ SiLU(h) + e(t)), then SiLU and a dense layer
 * back to D. Input: {@code NDList(z_t (B, D), t (B))} with 0-based t; output: ε̂ (B, D). As a
 * {@link NoisePredictor} it plugs into the course's samplers with {@code sampleShape(D)}.
 */
public final class LatentDenoiser extends AbstractBlock implements NoisePredictor {

    private final int latentDim;
    private final int width;
    private final int timeDim;
    private final Map<Block, Shape> initShapes = new IdentityHashMap<>();
    private final Linear input;
    private final Linear time1;
    private final Linear time2;
    private final List<Linear[]> residual = new ArrayList<>();
    private final Linear output;

    /** A denoiser for codes of size {@code latentDim} with {@code blocks} residual blocks of {@code width} units. */
    public LatentDenoiser(int latentDim, int width, int blocks, int timeDim) {
        if (latentDim < 1 || width < 1 || blocks < 0) {
            throw new IllegalArgumentException("latent size and width must be >= 1 and blocks >= 0, got D = "
                    + latentDim + ", width = " + width + ", blocks = " + blocks);
        }
        if (timeDim < 2 || timeDim % 2 != 0) {
            throw new IllegalArgumentException("the time embedding width must be even and >= 2, got " + timeDim);
        }
        this.latentDim = latentDim;
        this.width = width;
        this.timeDim = timeDim;
        input = dense("input", latentDim, width);
        time1 = dense("time1", timeDim, width);
        time2 = dense("time2", width, width);
        for (int b = 0; b < blocks; b++) {
            residual.add(new Linear[] {dense("block" + b + "a", width, width), dense("block" + b + "b", width, width)});
        }
        output = dense("output", width, latentDim);
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
    }

    /** Code size D. */
    public int latentDim() {
        return latentDim;
    }

    /** The initialisation shapes: codes (1, D) and time steps (1). */
    public Shape[] inputShapes() {
        return new Shape[] {new Shape(1, latentDim), new Shape(1)};
    }

    /** Allocates the parameters in {@code manager}; returns this. */
    public LatentDenoiser initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, inputShapes());
        return this;
    }

    /** ε̂ = ε_θ(z_t, t) for codes z_t (B, D) and 0-based time steps t (B). */
    public NDArray predict(ParameterStore store, NDArray zt, NDArray t, boolean training) {
        return forward(store, new NDList(zt, t), training).singletonOrThrow();
    }

    /** ε̂ for every code of {@code zt} (B, D) at the 0-based time step {@code t}, in inference mode. */
    @Override
    public NDArray predictNoise(NDArray zt, int t) {
        NDManager m = zt.getManager();
        return predict(new ParameterStore(m, false), zt, m.full(new Shape(zt.getShape().get(0)), (float) t), false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("LatentDenoiser expects NDList(z_t (B, " + latentDim + "), t (B)), got "
                    + inputs.size() + " arrays");
        }
        NDArray z = inputs.get(0);
        NDArray t = inputs.get(1);
        Shape s = z.getShape();
        if (s.dimension() != 2 || s.get(1) != latentDim) {
            throw new IllegalArgumentException("LatentDenoiser expects codes (B, " + latentDim + "), got " + s
                    + (s.dimension() == 4 ? "; encode images with the LatentCodec first" : ""));
        }
        if (t.getShape().size() != s.get(0)) {
            throw new IllegalArgumentException("got " + t.getShape().size() + " time steps for " + s.get(0)
                    + " codes; pass one time step per code");
        }
        NDArray e = TimeEmbedding.sinusoids(t.toType(DataType.FLOAT32, false).reshape(-1), timeDim);
        e = call(time2, store, silu(call(time1, store, e, training)), training);
        NDArray h = call(input, store, z, training);
        for (Linear[] block : residual) {
            NDArray inner = call(block[0], store, silu(h), training).add(e);
            h = h.add(call(block[1], store, silu(inner), training));
        }
        return new NDList(call(output, store, silu(h), training));
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

    private Linear dense(String name, int in, int out) {
        Linear layer = Linear.builder().setUnits(out).build();
        initShapes.put(layer, new Shape(1, in));
        return addChildBlock(name, layer);
    }

    private static NDArray call(Block block, ParameterStore store, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    private static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** e.g. "LatentDenoiser(D=32, width=256, blocks=3, time=64)". */
    @Override
    public String toString() {
        return "LatentDenoiser(D=" + latentDim + ", width=" + width + ", blocks=" + residual.size() + ", time=" + timeDim + ")";
    }
}
