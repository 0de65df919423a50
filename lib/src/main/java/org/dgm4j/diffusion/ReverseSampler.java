package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.dgm4j.ops.Scalars;

/**
 * What DDPM and DDIM sampling share, given only a {@link NoiseSchedule} and a {@link NoisePredictor}:
 * <ol>
 *   <li>start from x ~ N(0, I) of the sample shape;</li>
 *   <li>for each time step t of a decreasing sequence, ask the predictor for ε̂ = ε_θ(x_t, t);</li>
 *   <li>predict the clean sample x̂_0 = (x_t - √(1-ᾱ_t) ε̂)/√ᾱ_t (Ho et al. 2020, eq. 15), clipped to
 *       [-1, 1] by default;</li>
 *   <li>let the subclass take one step to the previous time step ({@link #step}).</li>
 * </ol>
 * All noise comes from a {@link Random} seeded from the seed and the chunk index, so a run is
 * reproducible on any device. Samples are generated in chunks of {@link #batchSize}; every step's
 * temporaries are freed. The sampler never sees a network: {@code sample(model, ...)} works because a
 * {@link DiffusionModel} is a noise predictor.
 */
public abstract class ReverseSampler {

    private final NoiseSchedule schedule;
    private final int[] taus;
    private boolean clip = true;
    private boolean toImages = true;
    private int batchSize = 256;
    private int frames;
    private long[] sampleShape = {1, 28, 28};

    /**
     * A sampler of {@code schedule} over {@code steps} (1..T) evenly spaced 0-based time steps
     * τ_i = round(i (T-1)/(S-1)) (S = 1: the last step only); rejects S outside 1..T with a message naming
     * {@code sampler}.
     */
    protected ReverseSampler(NoiseSchedule schedule, int steps, String sampler) {
        if (schedule == null) {
            throw new IllegalArgumentException("a sampler needs the noise schedule the model was trained with");
        }
        this.schedule = schedule;
        int total = schedule.steps();
        if (steps < 1 || steps > total) {
            throw new IllegalArgumentException(sampler + " needs 1 <= S <= T = " + total + " steps, got S = " + steps);
        }
        taus = new int[steps];
        for (int i = 0; i < steps; i++) {
            taus[i] = steps == 1 ? total - 1 : (int) Math.round((double) i * (total - 1) / (steps - 1));
        }
    }

    /** The forward process the sampler reverses. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** Clips the predicted x̂_0 to [-1, 1] at every step (default true; turn it off for unbounded data such as latents). */
    public ReverseSampler clipDenoised(boolean clipping) {
        this.clip = clipping;
        return this;
    }

    /** Maps the result and the frames from [-1, 1] to [0, 1] images, clipped (default true); false returns x_0 as it is. */
    public ReverseSampler toImages(boolean images) {
        this.toImages = images;
        return this;
    }

    boolean mapsToImages() {
        return toImages;
    }

    /** Samples denoised together (default 256). */
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

    /** Shape of one sample, without the batch axis (default (1, 28, 28): one grey MNIST image; (D) for latent vectors). */
    public ReverseSampler sampleShape(long... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("a sample shape needs at least one positive dimension, got "
                    + Arrays.toString(shape));
        }
        this.sampleShape = shape.clone();
        return this;
    }

    /** Samples are one-channel images of {@code h}×{@code w} (shorthand for {@code sampleShape(1, h, w)}). */
    public ReverseSampler imageSize(int h, int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + h + "×" + w);
        }
        return sampleShape(1, h, w);
    }

    /** The 0-based time steps visited, increasing (the chain walks them from last to first). */
    public final int[] timesteps() {
        return taus.clone();
    }

    /** Number of sampling steps S. */
    public int steps() {
        return taus.length;
    }

    /** ᾱ at 0-based time step {@code step}, and 1 before the first step (ᾱ_{-1} = 1, where the chain ends). */
    protected double alphaBarOrOne(int step) {
        return step >= 0 ? schedule.alphaBar(step) : 1.0;
    }

    /** A short name with the settings, e.g. "DDIM(S=50, η=0)". */
    public abstract String describe();

    /**
     * Step 3: x̂_0 = (x_t - √(1-ᾱ_t) ε̂)/√ᾱ_t, clipped to [-1, 1] when {@link #clipDenoised} is on.
     */
    public NDArray predictX0(NDArray xt, NDArray eps, int t) {
        double ab = schedule.alphaBar(t);
        NDArray x0 = Scalars.div(xt.sub(Scalars.mul(eps, Math.sqrt(1 - ab))), Math.sqrt(ab));
        return clip ? x0.clip(-1, 1) : x0;
    }

    /**
     * One reverse step from x_t to x_prev given the predicted noise: x̂_0 by {@link #predictX0}, then
     * the sampler's update. {@code prev} is the next (smaller) time step, -1 for the final step to x_0;
     * {@code noise} supplies standard normal noise of x_t's shape and is called only when the step uses it.
     */
    public NDArray step(NDArray xt, NDArray eps, int t, int prev, Supplier<NDArray> noise) {
        return update(xt, predictX0(xt, eps, t), t, prev, noise);
    }

    /** Step 4: x_prev from x_t and the predicted x̂_0 (see {@link #step}). */
    protected abstract NDArray update(NDArray xt, NDArray x0, int t, int prev, Supplier<NDArray> noise);

    /**
     * Generates {@code count} samples (N, sample shape), owned by {@code manager}, from {@code seed}:
     * images in [0, 1] by default (see {@link #toImages}).
     */
    public SampleRun sample(NoisePredictor eps, NDManager manager, int count, long seed) {
        return run(eps, manager, count, seed, null);
    }

    /** The sampling loop; {@code known} (nullable) re-imposes known values after every step (inpainting). */
    SampleRun run(NoisePredictor eps, NDManager manager, int count, long seed, KnownValues known) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
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
            int to = Math.min(count, from + batchSize);
            Random random = new Random(seed + 0x9E3779B97F4A7C15L * chunk);
            try (NDManager scope = manager.newSubManager()) {
                KnownValues rows = known == null ? null : known.rows(from, to, scope);
                chunks.add(runChunk(eps.rows(from, to), manager, to - from, random, taus, recordAt, frameChunks, rows));
            }
        }
        NDArray samples = join(manager, chunks);
        List<SampleRun.Frame> filmstrip = new ArrayList<>();
        for (int f = 0; f < recordAt.length; f++) {
            int done = recordAt[f];
            int paperT = done == taus.length ? 0 : taus[taus.length - 1 - done] + 1;
            filmstrip.add(new SampleRun.Frame(paperT, join(manager, frameChunks.get(f))));
        }
        return new SampleRun(samples, filmstrip, (System.nanoTime() - start) / 1e9);
    }

    private NDArray runChunk(NoisePredictor eps, NDManager manager, int n, Random random, int[] taus, int[] recordAt,
            List<NDList> frameChunks, KnownValues known) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = n;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        Shape shape = new Shape(dims);
        NDManager current = manager.newSubManager();
        NDArray x = current.create(gaussian(random, (int) shape.size()), shape);
        record(0, x, recordAt, frameChunks, manager);
        try {
            for (int i = taus.length - 1, done = 1; i >= 0; i--, done++) {
                int t = taus[i];
                int prev = i > 0 ? taus[i - 1] : -1;
                NDManager next = manager.newSubManager();
                NDManager stepManager = current;
                Supplier<NDArray> noise = () -> stepManager.create(gaussian(random, (int) shape.size()), shape);
                int rounds = known == null || prev < 0 ? 1 : known.rounds();
                NDArray xPrev = null;
                for (int round = 0; round < rounds; round++) {
                    if (round > 0) {
                        x = renoise(xPrev, prev, t, noise);
                    }
                    xPrev = step(x, eps.predictNoise(x, t), t, prev, noise);
                    if (known != null) {
                        xPrev = known.impose(xPrev, prev, schedule, noise);
                    }
                }
                xPrev.attach(next);
                current.close();
                current = next;
                x = xPrev;
                record(done, x, recordAt, frameChunks, manager);
            }
            NDArray out = output(x);
            out.attach(manager);
            return out;
        } finally {
            current.close();
        }
    }

    /** RePaint's resampling: x_t ~ q(x_t | x_prev) = N(√(ᾱ_t/ᾱ_prev) x_prev, (1 - ᾱ_t/ᾱ_prev) I). */
    private NDArray renoise(NDArray xPrev, int prev, int t, Supplier<NDArray> noise) {
        double ratio = schedule.alphaBar(t) / schedule.alphaBar(prev);
        return Scalars.mul(xPrev, Math.sqrt(ratio)).add(Scalars.mul(noise.get(), Math.sqrt(1 - ratio)));
    }

    private NDArray output(NDArray x) {
        return toImages ? x.add(1).div(2).clip(0, 1) : x.duplicate();
    }

    private void record(int done, NDArray x, int[] recordAt, List<NDList> frameChunks, NDManager manager) {
        for (int f = 0; f < recordAt.length; f++) {
            if (recordAt[f] == done) {
                NDArray copy = output(x);
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
