package org.dgm4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.loss.LossTerms;
import org.dgm4j.loss.Objective;

/**
 * The training loop: Adam on an {@link Objective} over epochs of shuffled batches, with validation after
 * every epoch, and {@link TrainingListener}s for everything else. Each training step seeds the engine's
 * generator from (seed, step), runs the objective under a gradient collector, reads its loss terms,
 * calls {@link TrainingListener#onBeforeUpdate}, updates the weights and calls
 * {@link TrainingListener#onTrainingBatch}. All per-step arrays live in the batch's manager.
 * {@link Fit} is the front that builds one.
 */
public final class TrainingLoop {

    private final Block block;
    private final Objective objective;
    private final TrainingConfig config;
    private final BatchSource train;
    private final BatchSource validation;
    private final List<TrainingListener> listeners;
    private final History history = new History();
    private long global;
    private double learningRate;
    private boolean completed;

    /** A loop over initialised {@code block}'s parameters; {@code validation} may be null. */
    public TrainingLoop(Block block, Objective objective, TrainingConfig config, BatchSource train,
            BatchSource validation, List<TrainingListener> listeners) {
        this.block = Objects.requireNonNull(block, "block");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.config = Objects.requireNonNull(config, "config");
        this.train = Objects.requireNonNull(train, "train data");
        this.validation = validation;
        this.listeners = List.copyOf(listeners);
    }

    /** Trains for {@link TrainingConfig#epochs()} epochs and returns the per-epoch history. */
    public History run() {
        List<NDArray> weights = trainableWeights();
        listeners.forEach(l -> l.onTrainingBegin(this));
        try (Adam adam = new Adam(weights, config.beta1(), config.beta2(), config.epsilon())) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long started = System.nanoTime();
                EpochMeans means = new EpochMeans();
                long index = 0;
                for (Batch batch : train.batches(config.batchSize(), true, Seeds.mix(config.seed(), epoch))) {
                    try (batch) {
                        index++;
                        global++;
                        Step step = trainingStep(batch, weights, epoch, index);
                        adam.step(step.gradients(), learningRate);
                        listeners.forEach(l -> l.onTrainingBatch(this, step));
                        means.add(step.values(), batch.size());
                    }
                }
                if (index == 0) {
                    throw new IllegalStateException("The training data yielded no batches (size " + train.size()
                            + ", batch size " + config.batchSize() + ")");
                }
                Map<String, Double> metrics = new LinkedHashMap<>(means.means(History.TRAIN));
                if (validation != null) {
                    metrics.putAll(validate(epoch));
                }
                history.add(metrics, (System.nanoTime() - started) / 1e9);
                listeners.forEach(l -> l.onEpoch(this));
            }
            completed = true;
        } finally {
            listeners.forEach(l -> l.onTrainingEnd(this));
        }
        return history;
    }

    private Step trainingStep(Batch batch, List<NDArray> weights, int epoch, long index) {
        Engine engine = Engine.getInstance();
        engine.setRandomSeed(Seeds.forEngine(config.seed(), global));
        LossTerms terms;
        try (GradientCollector gc = engine.newGradientCollector()) {
            terms = objective.compute(batch, true, global - 1);
            gc.backward(terms.total());
        }
        Map<String, Double> values = EpochMeans.read(terms, batch.manager());
        List<NDArray> gradients = new ArrayList<>(weights.size());
        for (NDArray w : weights) {
            NDArray g = w.getGradient();
            g.attach(batch.manager());
            gradients.add(g);
        }
        Step step = new Step(true, epoch, index, global, batch.size(), values, gradients);
        learningRate = config.learningRate();
        listeners.forEach(l -> l.onBeforeUpdate(this, step));
        return step;
    }

    private Map<String, Double> validate(int epoch) {
        EpochMeans means = new EpochMeans();
        long index = 0;
        for (Batch batch : validation.batches(config.batchSize(), false, 0)) {
            try (batch) {
                index++;
                Engine.getInstance().setRandomSeed(Seeds.forEngine(config.seed() ^ 0x5EEDL, index));
                LossTerms terms = objective.compute(batch, false, global);
                Step step = new Step(false, epoch, index, global, batch.size(),
                        EpochMeans.read(terms, batch.manager()), List.of());
                listeners.forEach(l -> l.onValidationBatch(this, step));
                means.add(step.values(), batch.size());
            }
        }
        if (index == 0) {
            throw new IllegalStateException("The validation data yielded no batches");
        }
        return means.means(History.VALIDATION);
    }

    private List<NDArray> trainableWeights() {
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
        return weights;
    }

    /** The block being trained. */
    public Block block() {
        return block;
    }

    /** Sets the current step's learning rate; for {@link TrainingListener#onBeforeUpdate} (e.g. a schedule). */
    public void setLearningRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the learning rate must be finite and >= 0, got " + rate);
        }
        learningRate = rate;
    }

    /** The settings. */
    public TrainingConfig config() {
        return config;
    }

    /** Training steps per epoch. */
    public long stepsPerEpoch() {
        return (train.size() + config.batchSize() - 1) / config.batchSize();
    }

    /** The epochs finished so far. */
    public History history() {
        return history;
    }

    /** Training steps of the whole run. */
    public long totalSteps() {
        return stepsPerEpoch() * config.epochs();
    }

    /** True once every epoch has finished (false in {@link TrainingListener#onTrainingEnd} after a failure). */
    public boolean completed() {
        return completed;
    }
}
