package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dgm4j.ops.Scalars;

/**
 * What DDPM and DDIM sampling share: start from x ~ N(0, I), walk a decreasing sequence of time steps,
 * predict ε with the (EMA) network, form x̂_0 = (x_t - √(1-ᾱ_t) ε̂)/√ᾱ_t (clipped to [-1, 1] by
 * default) and let the subclass take one step. All noise comes from a {@link Random} seeded from the
 * seed and the chunk index, so a run is reproducible on any device. Images are generated in chunks of
 * {@link #batchSize}; every step's temporaries are freed.
 */
public abstract class ReverseSampler {

    private final DiffusionModel model;
    private boolean useEma = true;
    private boolean clip = true;
    private int batchSize = 256;
    private int frames;
    private int height = 28;
    private int width = 28;

    protected ReverseSampler(DiffusionModel model) {
        this.model = model;
    }

    /** The model sampled from. */
    public DiffusionModel model() {
        return model;
    }

    /** Samples with the EMA weights (default) or with the trained weights. */
    public ReverseSampler useEma(boolean ema) {
        this.useEma = ema;
        return this;
    }

    /** Clips the predicted x̂_0 to [-1, 1] at every step (default true). */
    public ReverseSampler clipDenoised(boolean clipping) {
        this.clip = clipping;
        return this;
    }

    /** Images denoised together (default 256). */
    public ReverseSampler batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + size);
        }
        this.batchSize = size;
        return this;
    }

    /** Records {@code count} evenly spaced snapshots, first the noise and last the result (0 = none). */
    public ReverseSampler frames(int count) {
        if (count < 0 || count == 1) {
            throw new IllegalArgumentException("frames must be 0 (none) or >= 2 (noise ... result), got " + count);
        }
        this.frames = count;
        return this;
    }

    /** Size of the generated images (default 28×28). */
    public ReverseSampler imageSize(int h, int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + h + "×" + w);
        }
        this.height = h;
        this.width = w;
        return this;
    }

    /** The 0-based time steps visited, increasing (the chain walks them from last to first). */
    protected abstract int[] timesteps();

    /**
     * One reverse step from x_t to x_prev (prev = -1 for the final step to x_0).
     *
     * @param xt current state
     * @param x0 the predicted clean image x̂_0
     * @param eps the predicted noise ε̂ (from the network)
     * @param noise standard normal noise of xt's shape, drawn on demand (draw it only if you use it)
     */
    protected abstract NDArray step(NDArray xt, NDArray x0, NDArray eps, int t, int prev, NoiseSource noise);

    /** A short name with the settings, e.g. "DDIM(S=50, η=0)". */
    public abstract String describe();

    /** Draws standard normal noise for one step. */
    protected interface NoiseSource {
        /** Noise of the current state's shape. */
        NDArray draw();
    }

    /** Generates {@code count} images (N, 1, H, W) in [0, 1], owned by {@code manager}, from {@code seed}. */
    public SampleRun sample(NDManager manager, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (!model.isInitialized()) {
            throw new IllegalStateException("The diffusion model has no weights: train it (Fit) or initialise it first");
        }
        long start = System.nanoTime();
        int[] taus = timesteps();
        int[] recordAt = frameSteps(taus.length);
        List<NDList> frameChunks = new ArrayList<>();
        for (int f = 0; f < recordAt.length; f++) {
            frameChunks.add(new NDList());
        }
        NDList chunks = new NDList();
        for (int from = 0, chunk = 0; from < count; from += batchSize, chunk++) {
            int n = Math.min(batchSize, count - from);
            chunks.add(runChunk(manager, n, new Random(seed + 0x9E3779B97F4A7C15L * chunk), taus, recordAt, frameChunks));
        }
        NDArray images = join(manager, chunks);
        List<SampleRun.Frame> filmstrip = new ArrayList<>();
        for (int f = 0; f < recordAt.length; f++) {
            int done = recordAt[f];
            int paperT = done == taus.length ? 0 : taus[taus.length - 1 - done] + 1;
            filmstrip.add(new SampleRun.Frame(paperT, join(manager, frameChunks.get(f))));
        }
        return new SampleRun(images, filmstrip, (System.nanoTime() - start) / 1e9);
    }

    private NDArray runChunk(NDManager manager, int n, Random random, int[] taus, int[] recordAt, List<NDList> frameChunks) {
        UNet net = useEma ? model.ema() : model.net();
        NoiseSchedule s = model.schedule();
        Shape shape = new Shape(n, 1, height, width);
        NDManager current = manager.newSubManager();
        NDArray x = current.create(gaussian(random, (int) shape.size()), shape);
        record(0, x, recordAt, frameChunks, manager);
        try {
            for (int i = taus.length - 1, done = 1; i >= 0; i--, done++) {
                int t = taus[i];
                int prev = i > 0 ? taus[i - 1] : -1;
                NDManager next = manager.newSubManager();
                NDManager stepManager = current;
                float[] times = new float[n];
                java.util.Arrays.fill(times, t);
                NDArray eps = net.predict(new ParameterStore(stepManager, false), x, stepManager.create(times), false);
                double ab = s.alphaBar(t);
                NDArray x0 = Scalars.div(x.sub(Scalars.mul(eps, Math.sqrt(1 - ab))), Math.sqrt(ab));
                if (clip) {
                    x0 = x0.clip(-1, 1);
                }
                NDArray xNext = step(x, x0, eps, t, prev, () -> stepManager.create(gaussian(random, (int) shape.size()), shape));
                xNext.attach(next);
                current.close();
                current = next;
                x = xNext;
                record(done, x, recordAt, frameChunks, manager);
            }
            NDArray out = DiffusionModel.toImageRange(x);
            out.attach(manager);
            return out;
        } finally {
            current.close();
        }
    }

    private static void record(int done, NDArray x, int[] recordAt, List<NDList> frameChunks, NDManager manager) {
        for (int f = 0; f < recordAt.length; f++) {
            if (recordAt[f] == done) {
                NDArray copy = DiffusionModel.toImageRange(x);
                copy.attach(manager);
                frameChunks.get(f).add(copy);
            }
        }
    }

    private int[] frameSteps(int steps) {
        int[] at = new int[frames];
        for (int f = 0; f < frames; f++) {
            at[f] = (int) Math.round((double) f * steps / (frames - 1));
        }
        return at;
    }

    private static NDArray join(NDManager manager, NDList parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = NDArrays.concat(parts, 0);
        all.attach(manager);
        for (NDArray p : parts) {
            p.close();
        }
        return all;
    }

    static float[] gaussian(Random random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
