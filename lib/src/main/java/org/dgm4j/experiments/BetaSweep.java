package org.dgm4j.experiments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.metrics.Elbo;
import org.dgm4j.metrics.LatentKl;
import org.dgm4j.model.ParameterCounts;
import org.dgm4j.model.Vae;
import org.dgm4j.train.Fit;
import org.dgm4j.train.History;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A β sweep: one VAE per (latent size, β) of a {@link VaeRecipe}, trained on the β-weighted objective
 * recon + β·KL (Bernoulli decoder, no warm-up) through the checkpoint cache (the run at β = 1 is the
 * recipe's own model, shared with the notebooks that use it), then evaluated on test data: the
 * reconstruction term −E_q[log p(x|z)] ({@link Elbo}, one sample, seeded noise), the KL of every latent
 * dimension ({@link LatentKl}), the ELBO (recon and KL weighted 1 whatever β the model was trained with)
 * and the active units (dimensions whose mean KL exceeds {@link LatentKl#ACTIVE_THRESHOLD} nats).
 *
 * <pre>{@code
 * BetaSweep.Result sweep = BetaSweep.of(VaeRecipe.sweep(2)).latents(2, 10).betas(0.001, 1, 4, 20, 128)
 *         .evaluateOn(test).run();
 * sweep.table()
 * }</pre>
 */
public final class BetaSweep {

    private final VaeRecipe recipe;
    private double[] betas = {1.0};
    private int[] latents;
    private ImageDataset train;
    private ImageDataset test;
    private UnaryOperator<Fit> options = UnaryOperator.identity();
    private long evaluationSeed;

    private BetaSweep(VaeRecipe recipe) {
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.latents = new int[] {recipe.latentDim()};
    }

    /** A sweep of {@code recipe} over β (and latent sizes; default: the recipe's). */
    public static BetaSweep of(VaeRecipe recipe) {
        return new BetaSweep(recipe);
    }

    /** The KL weights to train with (default {1}); each finite and ≥ 0. */
    public BetaSweep betas(double... betas) {
        if (betas.length == 0) {
            throw new IllegalArgumentException("Give at least one β");
        }
        for (double b : betas) {
            if (!(b >= 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("Every β must be finite and >= 0, got " + b);
            }
        }
        this.betas = betas.clone();
        return this;
    }

    /** The latent sizes (default: the recipe's); each positive. */
    public BetaSweep latents(int... dims) {
        if (dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("Give one or more positive latent sizes, got " + Arrays.toString(dims));
        }
        this.latents = dims.clone();
        return this;
    }

    /** The images every model is evaluated on (normally the MNIST test set). */
    public BetaSweep evaluateOn(ImageDataset test) {
        this.test = Objects.requireNonNull(test, "test");
        return this;
    }

    /**
     * Trains every run on {@code train}, validated on the evaluation images, instead of the recipe's own data
     * (for exercises and tests).
     */
    public BetaSweep trainOn(ImageDataset train) {
        this.train = Objects.requireNonNull(train, "train");
        return this;
    }

    /** Options applied to every run's {@link Fit} that are not part of the recipe (progress, checkpoint store). */
    public BetaSweep fit(UnaryOperator<Fit> options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /** Seed of the ε used in evaluation (default 0). */
    public BetaSweep evaluationSeed(long seed) {
        this.evaluationSeed = seed;
        return this;
    }

    /** The recipe of the run with latent size {@code latentDim} and weight {@code beta}. */
    public VaeRecipe recipe(int latentDim, double beta) {
        return recipe.withLatent(latentDim).withBeta(beta);
    }

    /** Trains (or reloads) and evaluates every (latent size, β) run, latent sizes outermost. */
    public Result run() {
        if (test == null) {
            throw new IllegalStateException("No evaluation images: call .evaluateOn(test) before .run()");
        }
        List<Run> runs = new ArrayList<>();
        for (int z : latents) {
            for (double beta : betas) {
                VaeRecipe r = recipe(z, beta);
                VaeRecipe.Trained t = train == null ? r.fit(options) : r.fit(train, test, options);
                runs.add(evaluate(t.recipe().name(), beta, t.vae(), t.history(), test, evaluationSeed));
            }
        }
        return new Result(runs);
    }

    /** Evaluates {@code vae} on {@code data}: {@link Elbo} with ε seeded by {@code seed}, then {@link LatentKl}. */
    static Run evaluate(String name, double beta, Vae vae, History history, ImageDataset data, long seed) {
        Elbo.Result elbo = Elbo.evaluate(vae, data, seed);
        return new Run(name, vae.latentDim(), beta, vae, history, elbo.reconstruction(), LatentKl.perDimension(vae, data));
    }

    /**
     * One trained and evaluated model; all losses are per test image, in nats.
     *
     * @param model the run's recipe name
     * @param latentDim the latent size
     * @param beta the KL weight it was trained with
     * @param vae the trained model
     * @param history its training history (from the cache when it was reloaded)
     * @param reconstruction mean −E_q[log p(x|z)] on the test data
     * @param klPerDimension mean KL(q(z_d|x) ‖ N(0, 1)) of each latent dimension on the test data
     */
    public record Run(String model, int latentDim, double beta, Vae vae, History history, double reconstruction,
            double[] klPerDimension) {

        /** "β=" and the weight without trailing zeros ("β=0.001", "β=128"), for captions and legends. */
        public String betaLabel() {
            return "β=" + new BigDecimal(Double.toString(beta)).stripTrailingZeros().toPlainString();
        }

        /** The total KL (the rate), summed over dimensions. */
        public double kl() {
            return Arrays.stream(klPerDimension).sum();
        }

        /** −ELBO = reconstruction + KL, an upper bound on −log p(x) per image. */
        public double negativeElbo() {
            return reconstruction + kl();
        }

        /** Number of dimensions whose mean KL exceeds {@link LatentKl#ACTIVE_THRESHOLD}. */
        public int activeUnits() {
            return LatentKl.activeUnits(klPerDimension);
        }

        /** Number of scalar parameters of the model. */
        public long parameters() {
            return ParameterCounts.count(vae);
        }

        /** Mean wall-clock seconds per training epoch, as measured when the model was trained. */
        public double secondsPerEpoch() {
            return Arrays.stream(history.seconds()).average().orElse(Double.NaN);
        }
    }

    /** The runs of a sweep, in order, and their summary table. */
    public static final class Result {

        private final List<Run> runs;

        Result(List<Run> runs) {
            this.runs = List.copyOf(runs);
        }

        /** All runs, latent sizes outermost, then β in the order given. */
        public List<Run> runs() {
            return runs;
        }

        /** The runs with latent size {@code latentDim}, in β order. */
        public List<Run> withLatent(int latentDim) {
            List<Run> out = runs.stream().filter(r -> r.latentDim() == latentDim).toList();
            if (out.isEmpty()) {
                throw new IllegalArgumentException("No run with latent size " + latentDim + "; the sweep has "
                        + runs.stream().map(r -> r.latentDim()).distinct().toList());
            }
            return out;
        }

        /** The run with latent size {@code latentDim} and weight {@code beta}. */
        public Run get(int latentDim, double beta) {
            return withLatent(latentDim).stream().filter(r -> r.beta() == beta).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No run with latent size " + latentDim
                            + " and β " + beta + "; its βs are "
                            + withLatent(latentDim).stream().map(r -> r.beta()).toList()));
        }

        /**
         * One row per run: model, latent, beta, recon, KL, −ELBO, active units, parameters, epochs,
         * s/epoch (as trained) and whether it came from the cache.
         */
        public Table table() {
            Table t = Table.create("β sweep", StringColumn.create("model"), IntColumn.create("latent"),
                    DoubleColumn.create("beta"), DoubleColumn.create("recon"), DoubleColumn.create("KL"),
                    DoubleColumn.create("-ELBO"), IntColumn.create("active units"), LongColumn.create("parameters"),
                    IntColumn.create("epochs"), DoubleColumn.create("s/epoch"), BooleanColumn.create("from cache"));
            for (Run r : runs) {
                t.stringColumn("model").append(r.model());
                t.intColumn("latent").append(r.latentDim());
                t.doubleColumn("beta").append(r.beta());
                t.doubleColumn("recon").append(r.reconstruction());
                t.doubleColumn("KL").append(r.kl());
                t.doubleColumn("-ELBO").append(r.negativeElbo());
                t.intColumn("active units").append(r.activeUnits());
                t.longColumn("parameters").append(r.parameters());
                t.intColumn("epochs").append(r.history().size());
                t.doubleColumn("s/epoch").append(r.secondsPerEpoch());
                t.booleanColumn("from cache").append(r.history().fromCache());
            }
            return t;
        }
    }
}
