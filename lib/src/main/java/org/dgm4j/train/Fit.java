package org.dgm4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dgm4j.Describable;
import org.dgm4j.Engines;
import org.dgm4j.Profile;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.loss.Objective;

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
 * <p>The run itself is a {@link TrainingLoop} with listeners: the non-finite-loss guard, gradient
 * clipping and the learning-rate schedule when set, those given to {@link #listener}, progress and
 * checkpointing. The checkpoint key is declared, not guessed: the objective, the model (when it is
 * {@link Describable}) and every listener that changes the weights describe themselves, and a block
 * that already has weights when the fit starts (one trained before, say) is keyed on those weights.
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
    private final List<TrainingListener> listeners = new ArrayList<>();
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

    /**
     * Adds a listener, e.g. an {@link ExponentialMovingAverage} of the weights or {@link EveryEpochs};
     * listeners run in the order added, after clipping and the schedule, before progress and checkpointing.
     */
    public Fit listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
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
     * keyed by {@link #key()}. The objective must be {@link Describable} (a lambda is refused).
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
        String weights = block.isInitialized() ? "weights=" + weightsHash() : "init=seed " + seed;
        NDManager owner = prepareBlock(weights);
        List<TrainingListener> all = new ArrayList<>(List.of(new NonFiniteLossGuard()));
        all.addAll(resultListeners());
        all.add(new ProgressDisplay(progress != null ? progress : Progress.auto(),
                cacheName != null ? cacheName : block.getClass().getSimpleName()));
        if (cacheName != null) {
            String key = key(weights);
            Checkpoints store = checkpoints != null ? checkpoints : Checkpoints.atDefaultRoot();
            if (!retrain && !Checkpoints.retrainRequested()) {
                Optional<History> cached = store.load(cacheName, key, block, owner);
                if (cached.isPresent()) {
                    return cached.get();
                }
                if (!block.isInitialized()) {
                    initialize(owner);
                }
            }
            all.add(new Checkpointing(store, cacheName, key));
        }
        return new TrainingLoop(block, objective, config(), train, validation, all).run();
    }

    /** Clipping, the schedule and the listeners added: those that change the weights. */
    private List<TrainingListener> resultListeners() {
        List<TrainingListener> out = new ArrayList<>();
        if (clipNorm > 0) {
            out.add(new GradientClipping(clipNorm));
        }
        out.add(new LearningRateScheduler(schedule));
        out.addAll(listeners);
        return out;
    }

    private TrainingConfig config() {
        return new TrainingConfig(epochs, batchSize, learningRate, beta1, beta2, epsilon, seed);
    }

    /**
     * The full text the checkpoint key is the hash of: name, profile, the model's description and
     * parameter shapes, its initial weights (the seed, or a hash of the weights it came with), the
     * objective's description, the configuration, the listeners that change the weights, {@link
     * #describe(String)} and the data. Throws when the objective or the model's state is not described.
     */
    public String key() {
        return key(block.isInitialized() ? "weights=" + weightsHash() : "init=seed " + seed);
    }

    private String key(String weights) {
        if (!(objective instanceof Describable described)) {
            throw new IllegalStateException("The objective " + objective.getClass().getName() + " does not"
                    + " describe itself, so its runs cannot be cached (two different objectives would share a"
                    + " checkpoint): implement org.dgm4j.Describable's describe() in a named class, or drop"
                    + " .cache(...)");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("name=").append(cacheName).append('\n');
        sb.append("profile=").append(Profile.current().id()).append('\n');
        sb.append("block=").append(block.getClass().getName()).append('\n');
        sb.append("model=").append(block instanceof Describable d ? d.describe() : architecture()).append('\n');
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            sb.append("param ").append(p.getKey()).append(' ')
                    .append(param.isInitialized() ? param.getArray().getShape() : "?").append('\n');
        }
        sb.append(weights).append('\n');
        sb.append("objective=").append(described.describe()).append('\n');
        sb.append("config=").append(config().describe());
        for (TrainingListener l : resultListeners()) {
            if (l instanceof Describable d) {
                sb.append(' ').append(d.describe());
            }
        }
        sb.append('\n');
        sb.append("extra=").append(extraKey).append('\n');
        sb.append("train=").append(train.describe()).append(" n=").append(train.size()).append('\n');
        sb.append("validation=").append(validation == null ? "none" : validation.describe() + " n="
                + validation.size()).append('\n');
        return sb.toString();
    }

    private String architecture() {
        try {
            return block.toString().replace('\n', ' ');
        } catch (RuntimeException e) {
            return block.getClass().getName();
        }
    }

    /** SHA-256 over the block's parameter values, in order. */
    private String weightsHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Pair<String, Parameter> p : block.getParameters()) {
                digest.update(p.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(p.getValue().getArray().toByteArray());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Makes sure the block has parameters and returns the manager that owns them. An uninitialised
     * block is initialised in a new manager registered under the fit's key; a previous block registered
     * under the same key (the same cell run again: same architecture, configuration and data) is freed.
     */
    private NDManager prepareBlock(String weights) {
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
        String registryKey = objective instanceof Describable ? Checkpoints.hash(key(weights)) : null;
        if (registryKey != null) {
            Owned previous = LIVE.put(registryKey, new Owned(block, manager));
            if (previous != null) {
                previous.manager.close();
            }
        }
        return manager;
    }

    private void initialize(NDManager manager) {
        Shape[] shapes = inputShapes;
        if (shapes == null) {
            shapes = new Shape[] {new Shape(1).addAll(train.imageShape())};
        }
        Engine.getInstance().setRandomSeed(Seeds.forEngine(seed, 0x1417L));
        block.initialize(manager, DataType.FLOAT32, shapes);
    }

    private static int positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
        return v;
    }

    /** A block whose parameters live in a manager this class created. */
    private record Owned(Block block, NDManager manager) {}
}
