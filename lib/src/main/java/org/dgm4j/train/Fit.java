package org.dgm4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dgm4j.Engines;
import org.dgm4j.Profile;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.loss.LossTerms;

/**
 * Trains a block by minimising an {@link Objective} with Adam, and records a {@link History}.
 *
 * <pre>{@code
 * History h = Fit.of(vae, objective).train(trainSet).validation(testSet)
 *         .epochs(10).batchSize(128).learningRate(1e-3).seed(1).cache("vae-mlp-z20").run();
 * }</pre>
 *
 * <p>An uninitialised block is initialised here from the seed (input shape: one image of the training
 * data, or {@link #inputShapes}), with parameters in a manager this class owns. Running a fit with the
 * same {@link #key()} again (a re-run notebook cell: same architecture, configuration and data) frees
 * the previous block's parameters, so that block must no longer be used; library code that trains a
 * shared model should therefore keep the trained block rather than fit it again. With
 * {@link #cache(String)} a finished run is saved under {@link Checkpoints} and later runs with the same
 * key reload it instead of training.
 *
 * <p>Each step: the engine RNG is seeded from (seed, step), the objective runs under a gradient
 * collector, every loss term is checked for NaN/Inf ({@link NonFiniteLossException}), gradients are
 * optionally clipped by global norm, Adam updates the weights, and the step hook runs. All per-step
 * arrays live in the batch's manager and are freed with it.
 */
public final class Fit {

    private static final Map<String, Owned> LIVE = new ConcurrentHashMap<>();

    private final Block block;
    private final Objective objective;
    private BatchSource train;
    private BatchSource validation;
    private int epochs = Profile.current().pick(1, 5, 20);
    private int batchSize = 128;
    private double learningRate = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private long seed = 0;
    private double clipNorm;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private StepHook hook;
    private Progress progress;
    private String cacheName;
    private String extraKey = "";
    private Checkpoints checkpoints;
    private boolean retrain;
    private Shape[] inputShapes;

    private Fit(Block block, Objective objective) {
        this.block = Objects.requireNonNull(block, "block");
        this.objective = Objects.requireNonNull(objective, "objective");
    }

    /** A fit of {@code block}'s parameters minimising {@code objective} (which must use {@code block}). */
    public static Fit of(Block block, Objective objective) {
        return new Fit(block, objective);
    }

    /** The training data (required); reshuffled every epoch from the seed. */
    public Fit train(BatchSource data) {
        this.train = Objects.requireNonNull(data, "train data");
        return this;
    }

    /** The training data (required); reshuffled every epoch from the seed. */
    public Fit train(ImageDataset data) {
        return train(BatchSource.of(Objects.requireNonNull(data, "train data")));
    }

    /** Data evaluated (no gradients, training=false) after every epoch; optional. */
    public Fit validation(ImageDataset data) {
        return validation(data == null ? null : BatchSource.of(data));
    }

    /** Data evaluated (no gradients, training=false) after every epoch; optional. */
    public Fit validation(BatchSource data) {
        this.validation = data;
        return this;
    }

    /** Number of passes over the training data (default by profile: smoke 1, quick 5, full 20). */
    public Fit epochs(int epochs) {
        this.epochs = positive(epochs, "epochs");
        return this;
    }

    /** Images per step (default 128). */
    public Fit batchSize(int batchSize) {
        this.batchSize = positive(batchSize, "batchSize");
        return this;
    }

    /** Adam's base learning rate (default 1e-3). */
    public Fit learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + lr);
        }
        this.learningRate = lr;
        return this;
    }

    /** Adam's moment decay rates and epsilon (defaults 0.9, 0.999, 1e-8). */
    public Fit adam(double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        return this;
    }

    /** Seed of parameter initialisation, shuffling and every step's noise (default 0). */
    public Fit seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Clips gradients to this global L2 norm before each update; 0 (default) disables clipping. */
    public Fit clipGradientNorm(double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipGradientNorm must be >= 0 (0 = off), got " + maxNorm);
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Learning-rate schedule (default constant). */
    public Fit schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /** Runs after every update, e.g. an exponential moving average of the weights. */
    public Fit afterStep(StepHook hook) {
        this.hook = hook;
        return this;
    }

    /** Where progress goes (default {@link Progress#auto()}). */
    public Fit progress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** Input shapes for initialising the block, batch axis included (default: one training image). */
    public Fit inputShapes(Shape... shapes) {
        this.inputShapes = shapes.clone();
        return this;
    }

    /**
     * Caches the trained model under {@code name} in the default {@link Checkpoints} root; the entry is
     * keyed by the block's architecture, the objective's description ({@code toString()} of a named
     * class), this configuration, {@link #describe(String)}, the run profile and the data descriptions.
     */
    public Fit cache(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Cache name must not be blank");
        }
        this.cacheName = name;
        return this;
    }

    /** Uses {@code store} for {@link #cache(String)} instead of the default root. */
    public Fit checkpoints(Checkpoints store) {
        this.checkpoints = Objects.requireNonNull(store, "checkpoints");
        return this;
    }

    /** Extra configuration text for the cache key (settings the objective's description lacks, e.g. β). */
    public Fit describe(String configuration) {
        this.extraKey = Objects.requireNonNull(configuration, "configuration");
        return this;
    }

    /** Retrains even when a checkpoint exists ({@value Checkpoints#RETRAIN_ENV}=1 does the same). */
    public Fit retrain(boolean force) {
        this.retrain = force;
        return this;
    }

    /** Trains (or reloads from the cache) and returns the per-epoch history. */
    public History run() {
        if (train == null) {
            throw new IllegalStateException("No training data: call .train(data) before .run()");
        }
        Progress out = progress != null ? progress : Progress.auto();
        NDManager owner = prepareBlock();
        String key = key();
        Checkpoints store = null;
        if (cacheName != null) {
            store = checkpoints != null ? checkpoints : Checkpoints.atDefaultRoot();
            if (!retrain && !Checkpoints.retrainRequested()) {
                Optional<History> cached = store.load(cacheName, key, block, owner);
                if (cached.isPresent()) {
                    return cached.get();
                }
                if (!block.isInitialized()) {
                    initialize(owner);
                }
            }
        }
        History history = loop(out);
        if (store != null) {
            store.save(cacheName, key, block, history);
        }
        return history;
    }

    /** The full text the checkpoint key is the hash of. */
    public String key() {
        StringBuilder sb = new StringBuilder();
        sb.append("name=").append(cacheName).append('\n');
        sb.append("profile=").append(Profile.current().id()).append('\n');
        sb.append("block=").append(block.getClass().getName()).append('\n');
        sb.append("architecture=").append(architecture()).append('\n');
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            sb.append("param ").append(p.getKey()).append(' ')
                    .append(param.isInitialized() ? param.getArray().getShape() : "?").append('\n');
        }
        sb.append("objective=").append(describeObjective()).append('\n');
        sb.append("config=").append(configuration()).append('\n');
        sb.append("extra=").append(extraKey).append('\n');
        sb.append("train=").append(train.describe()).append(" n=").append(train.size()).append('\n');
        sb.append("validation=").append(validation == null ? "none" : validation.describe() + " n="
                + validation.size()).append('\n');
        return sb.toString();
    }

    private String configuration() {
        return String.format(Locale.ROOT,
                "epochs=%d batch=%d lr=%s adam=(%s,%s,%s) seed=%d clip=%s schedule=%s hook=%s", epochs,
                batchSize, learningRate, beta1, beta2, epsilon, seed, clipNorm, schedule.describe(),
                hook == null ? "none" : describeObject(hook));
    }

    private String architecture() {
        try {
            return block.toString().replace('\n', ' ');
        } catch (RuntimeException e) {
            return block.getClass().getName();
        }
    }

    private String describeObjective() {
        return describeObject(objective);
    }

    /** toString() when a class defines it, else the class name; lambdas are "unnamed". */
    private static String describeObject(Object o) {
        Class<?> c = o.getClass();
        if (c.isHidden() || c.isSynthetic()) {
            return "unnamed " + (o instanceof StepHook ? "hook" : "objective");
        }
        try {
            if (c.getMethod("toString").getDeclaringClass() != Object.class) {
                return o.toString().replace('\n', ' ');
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return c.getName();
    }

    /**
     * Makes sure the block has parameters and returns the manager that owns them. An uninitialised
     * block is initialised in a new manager registered under the fit's key; a previous block registered
     * under the same key (the same cell run again: same architecture, configuration and data) is freed.
     */
    private NDManager prepareBlock() {
        if (block.isInitialized()) {
            for (Owned o : LIVE.values()) {
                if (o.block == block) {
                    return o.manager;
                }
            }
            return block.getParameters().valueAt(0).getArray().getManager();
        }
        NDManager manager = Engines.newManager();
        initialize(manager);
        Owned previous = LIVE.put(Checkpoints.hash(key()), new Owned(block, manager));
        if (previous != null) {
            previous.manager.close();
        }
        return manager;
    }

    private void initialize(NDManager manager) {
        Shape[] shapes = inputShapes;
        if (shapes == null) {
            shapes = new Shape[] {new Shape(1).addAll(train.imageShape())};
        }
        Engine.getInstance().setRandomSeed(seedFor(seed, 0x1417L));
        block.initialize(manager, DataType.FLOAT32, shapes);
    }

    private History loop(Progress out) {
        List<NDArray> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray w = p.getValue().getArray();
                w.setRequiresGradient(true);
                weights.add(w);
            }
        }
        if (weights.isEmpty()) {
            throw new IllegalStateException("The block has no trainable parameters");
        }
        long stepsPerEpoch = (train.size() + batchSize - 1) / batchSize;
        long totalSteps = stepsPerEpoch * epochs;
        Engine engine = Engine.getInstance();
        History history = new History();
        long global = 0;
        out.start(cacheName != null ? cacheName : block.getClass().getSimpleName(), epochs, stepsPerEpoch);
        try (Adam adam = new Adam(weights, beta1, beta2, epsilon)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long started = System.nanoTime();
                Accumulator acc = new Accumulator();
                long step = 0;
                for (Batch batch : train.batches(batchSize, true, mix(seed, epoch))) {
                    try (batch) {
                        step++;
                        global++;
                        engine.setRandomSeed(seedFor(seed, global));
                        LossTerms terms;
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            terms = objective.compute(batch, true);
                            gc.backward(terms.total());
                        }
                        Map<String, Double> values = read(terms, batch.manager());
                        check(values, "training", epoch, step);
                        List<NDArray> grads = new ArrayList<>(weights.size());
                        for (NDArray w : weights) {
                            NDArray g = w.getGradient();
                            g.attach(batch.manager());
                            grads.add(g);
                        }
                        if (clipNorm > 0) {
                            GradientClipping.clipByGlobalNorm(grads, clipNorm);
                        }
                        adam.step(grads, learningRate * schedule.factor(global - 1, totalSteps));
                        if (hook != null) {
                            hook.afterStep(global, block);
                        }
                        acc.add(values, batch.size());
                        double elapsed = (System.nanoTime() - started) / 1e9;
                        out.step(epoch, step, acc.count / Math.max(elapsed, 1e-9), acc.mean(LossTerms.TOTAL));
                    }
                }
                if (step == 0) {
                    throw new IllegalStateException("The training data yielded no batches (size "
                            + train.size() + ", batch size " + batchSize + ")");
                }
                Map<String, Double> metrics = new LinkedHashMap<>(acc.means(History.TRAIN));
                if (validation != null) {
                    metrics.putAll(evaluate(validation, epoch));
                }
                history.add(metrics, (System.nanoTime() - started) / 1e9);
                out.epoch(history);
            }
        } finally {
            out.finish();
        }
        return history;
    }

    private Map<String, Double> evaluate(BatchSource data, int epoch) {
        Engine engine = Engine.getInstance();
        Accumulator acc = new Accumulator();
        long step = 0;
        for (Batch batch : data.batches(batchSize, false, 0)) {
            try (batch) {
                step++;
                engine.setRandomSeed(seedFor(seed ^ 0x5EEDL, step));
                LossTerms terms = objective.compute(batch, false);
                Map<String, Double> values = read(terms, batch.manager());
                check(values, "validation", epoch, step);
                acc.add(values, batch.size());
            }
        }
        if (step == 0) {
            throw new IllegalStateException("The validation data yielded no batches");
        }
        return acc.means(History.VALIDATION);
    }

    /** Total and components as doubles, copied from native memory in one transfer. */
    static Map<String, Double> read(LossTerms terms, NDManager scratch) {
        List<String> names = new ArrayList<>();
        NDList flat = new NDList();
        names.add(LossTerms.TOTAL);
        flat.add(scalar(LossTerms.TOTAL, terms.total()));
        for (Map.Entry<String, NDArray> e : terms.components().entrySet()) {
            names.add(e.getKey());
            flat.add(scalar(e.getKey(), e.getValue()));
        }
        NDArray all = flat.size() == 1 ? flat.get(0) : ai.djl.ndarray.NDArrays.concat(flat);
        all.attach(scratch);
        float[] v = all.toFloatArray();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), (double) v[i]);
        }
        return out;
    }

    private static NDArray scalar(String name, NDArray a) {
        if (a.size() != 1) {
            throw new IllegalArgumentException("Loss term '" + name + "' must be a scalar (mean over the batch),"
                    + " got shape " + a.getShape());
        }
        NDArray d = a.stopGradient().toType(DataType.FLOAT32, false).reshape(1);
        return d;
    }

    private static void check(Map<String, Double> values, String split, int epoch, long step) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new NonFiniteLossException(split, epoch, step, e.getKey(), e.getValue());
            }
        }
    }

    /** A well-mixed int seed for the engine from the run seed and a counter (SplitMix64 finaliser). */
    static int seedFor(long seed, long counter) {
        return (int) (mix(seed, counter) >>> 33);
    }

    static long mix(long seed, long counter) {
        long z = seed + 0x9E3779B97F4A7C15L * (counter + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
        return v;
    }

    /** A block whose parameters live in a manager this class created. */
    private static final class Owned {
        final Block block;
        final NDManager manager;

        Owned(Block block, NDManager manager) {
            this.block = block;
            this.manager = manager;
        }
    }

    /** Batch-size-weighted sums of loss terms. */
    private static final class Accumulator {
        final Map<String, Double> sums = new LinkedHashMap<>();
        long count;

        void add(Map<String, Double> values, int n) {
            for (Map.Entry<String, Double> e : values.entrySet()) {
                sums.merge(e.getKey(), e.getValue() * n, Double::sum);
            }
            count += n;
        }

        double mean(String term) {
            return sums.getOrDefault(term, Double.NaN) / count;
        }

        Map<String, Double> means(String split) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String term : sums.keySet()) {
                out.put(split + "/" + term, mean(term));
            }
            return out;
        }
    }
}
