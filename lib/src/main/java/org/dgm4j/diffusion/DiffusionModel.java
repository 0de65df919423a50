package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * A denoising diffusion model: a noise schedule, the trained noise-prediction {@link UNet} and a frozen
 * copy of it holding the exponential moving average (EMA) of its weights, which the samplers use. Both
 * networks are children of this block, so a checkpoint of the block keeps the EMA weights too. Images
 * enter as [0, 1] and are mapped to [-1, 1] for diffusion.
 *
 * <pre>{@code
 * DiffusionModel ddpm = new DiffusionModel(UNetConfig.small(), NoiseSchedule.cosine(1000));
 * Fit.of(ddpm, new DenoisingObjective(ddpm)).train(mnist).inputShapes(ddpm.inputShapes(28, 28))
 *         .listener(new ExponentialMovingAverage(ddpm.net(), ddpm.ema(), 0.999)).clipGradientNorm(1)
 *         .learningRate(1e-3).cache("ddpm").run();
 * SampleRun run = new DdimSampler(ddpm, 50, 0).sample(manager, 64, 7);
 * }</pre>
 */
public final class DiffusionModel extends AbstractBlock {

    private final NoiseSchedule schedule;
    private final UNet net;
    private final UNet ema;

    /** A model with a fresh U-Net of {@code config} over {@code schedule}. */
    public DiffusionModel(UNetConfig config, NoiseSchedule schedule) {
        this.schedule = schedule;
        net = addChildBlock("net", new UNet(config));
        ema = addChildBlock("ema", new UNet(config));
        ema.freezeParameters(true);
    }

    /** The forward process. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** The network being trained. */
    public UNet net() {
        return net;
    }

    /** The EMA copy used for sampling (frozen; updated by the training loop's EMA listener). */
    public UNet ema() {
        return ema;
    }

    /** Initialisation shapes for images of {@code height}×{@code width}: x (1, 1, H, W) and t (1). */
    public Shape[] inputShapes(int height, int width) {
        return new Shape[] {new Shape(1, 1, height, width), new Shape(1)};
    }

    /** Allocates the parameters in {@code manager} (the fit loop does this itself when given {@link #inputShapes}). */
    public DiffusionModel initialize(NDManager manager, int height, int width) {
        initialize(manager, DataType.FLOAT32, inputShapes(height, width));
        return this;
    }

    /** Copies the trained weights into the EMA network (as at initialisation). */
    public void resetEma() {
        PairList<String, Parameter> from = net.getParameters();
        PairList<String, Parameter> to = ema.getParameters();
        for (int i = 0; i < from.size(); i++) {
            from.valueAt(i).getArray().copyTo(to.valueAt(i).getArray());
        }
    }

    /** Maps [0, 1] images to the [-1, 1] range the model diffuses in. */
    public static NDArray toModelRange(NDArray images) {
        return images.mul(2).sub(1);
    }

    /** Maps model-range images back to [0, 1] (clipped). */
    public static NDArray toImageRange(NDArray x) {
        return x.add(1).div(2).clip(0, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return net.forward(store, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, inputShapes);
        ema.initialize(manager, dataType, inputShapes);
        resetEma();
        for (Pair<String, Parameter> p : ema.getParameters()) {
            p.getValue().getArray().setRequiresGradient(false);
        }
    }

    @Override
    public String toString() {
        return "DiffusionModel(" + net.config().describe() + ", " + schedule + ")";
    }
}
