package org.dgm4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.BiFunction;
import org.dgm4j.Engines;
import org.dgm4j.Profile;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.diffusion.DiffusionModel;
import org.dgm4j.diffusion.NoiseSchedule;
import org.dgm4j.experiments.DiffusionRecipe;
import org.dgm4j.loss.DenoisingObjective;
import org.dgm4j.loss.Objective;
import org.dgm4j.loss.VaeObjective;
import org.dgm4j.model.Vae;
import org.dgm4j.train.BatchSource;
import org.dgm4j.train.ExponentialMovingAverage;
import org.dgm4j.train.Fit;
import org.dgm4j.train.Progress;

/**
 * The DGM4J side of {@code environment/bench} (its PyTorch twin is {@code bench/run_pytorch.py}): one
 * model at one batch size per process, so that the peak RSS is the model's own.
 *
 * <p>Training runs the notebooks' code path, {@link Fit} with the model's objective and the library's
 * Adam (for the U-Net also the DDPM recipe's gradient clipping and EMA hook), on an in-memory data set of
 * random 8-bit images batched like MNIST; a {@link Progress} listener timestamps every step and the data
 * source ends the epoch once the warm-up steps and the timed budget are done. Inference is the model's
 * forward pass in inference mode without a gradient collector. With {@code profile=N} it also times N
 * steps under the engine's profiler and writes its Chrome trace (for the per-op overhead figure).
 *
 * <p>Arguments {@code key=value}: {@code model} (mlp, conv28, conv64, unet), {@code batch}, {@code warmup}
 * (seconds of untimed steps per phase, at least one step; default 2), {@code seconds} (timed budget per
 * phase, default 3), {@code min-steps} (timed steps at least, default 2),
 * {@code profile} (steps, default 0), {@code trace} (file for the profile). Prints {@code key=value} lines
 * prefixed with {@code RESULT}; set the threads with {@code -Dai.djl.pytorch.num_threads}.
 */
public final class ComparisonBench {

    private static final int DATA_IMAGES = 1024;

    private ComparisonBench() {}

    public static void main(String[] args) {
        Map<String, String> opts = parse(args);
        String name = opts.getOrDefault("model", "mlp");
        int batch = Integer.parseInt(opts.getOrDefault("batch", "128"));
        double warmup = Double.parseDouble(opts.getOrDefault("warmup", "2"));
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "3"));
        int minSteps = Integer.parseInt(opts.getOrDefault("min-steps", "2"));
        int profileSteps = Integer.parseInt(opts.getOrDefault("profile", "0"));

        Engine engine = Engines.engine();
        String wanted = System.getProperty("ai.djl.pytorch.num_threads");
        if (wanted != null && Integer.parseInt(wanted) != JniUtils.getNumThreads()) {
            throw new IllegalStateException("asked for " + wanted + " intra-op threads, the engine has "
                    + JniUtils.getNumThreads());
        }
        result("side", "dgm4j");
        result("torch", engine.getVersion());
        result("threads", JniUtils.getNumThreads());
        result("interop_threads", JniUtils.getNumInteropThreads());
        result("model", name);
        result("batch", batch);
        result("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);

        try (NDManager manager = Engines.newManager()) {
            BenchModel model = BenchModel.of(name);
            ImageDataset data = randomImages(manager, model.side);
            result("params", model.initialize(manager));
            Timing train = train(model, data, batch, warmup, seconds, minSteps);
            result("train_img_s", String.format(Locale.ROOT, "%.2f", train.imagesPerSecond(batch)));
            result("train_ms_step", String.format(Locale.ROOT, "%.3f", train.msPerStep()));
            result("train_steps", train.steps());
            result("train_rss_growth_mb", train.rssGrowthMb());
            result("train_how", "Fit (the notebooks' loop), one time-bounded epoch, per-step timestamps");
            Timing infer = infer(model, manager, data, batch, warmup, seconds, minSteps);
            result("infer_img_s", String.format(Locale.ROOT, "%.2f", infer.imagesPerSecond(batch)));
            result("infer_steps", infer.steps());
            result("infer_grad_mode", JniUtils.isGradMode());
            if (profileSteps > 0) {
                Path trace = Path.of(opts.getOrDefault("trace", "dgm4j-trace.json"));
                JniUtils.startProfile(false, false, false);
                Timing profiled = train(model, data, batch, 0, 0, profileSteps);
                JniUtils.stopProfile(trace.toString());
                result("profile_steps", profiled.steps());
                result("profile_ms_step", String.format(Locale.ROOT, "%.3f", profiled.msPerStep()));
                result("trace", trace.toAbsolutePath());
            }
        }
        result("peak_rss_mb", statusMb("VmHWM"));
    }

    /** Trains with {@link Fit} for the warm-up, then for at least {@code seconds} and {@code minSteps} timed steps. */
    private static Timing train(BenchModel model, ImageDataset data, int batch, double warmup, double seconds,
            int minSteps) {
        StepClock clock = new StepClock(warmup, seconds, minSteps);
        Fit fit = Fit.of(model.block, model.objective).train(clock.source(data)).epochs(1).batchSize(batch)
                .learningRate(model.learningRate).seed(1).progress(clock);
        model.recipe(fit).run();
        return clock.timing();
    }

    /** Forward passes in inference mode (no gradient collector), one sub-manager per batch. */
    private static Timing infer(BenchModel model, NDManager manager, ImageDataset data, int batch, double warmup,
            double seconds, int minSteps) {
        StepClock clock = new StepClock(warmup, seconds, minSteps);
        ParameterStore store = new ParameterStore(manager, false);
        long step = 0;
        clock.start("inference", 1, 0);
        for (Batch b : clock.source(data).batches(batch, true, 7)) {
            try (b) {
                model.forward.apply(store, b);
            }
            clock.step(1, ++step, 0, 0);
        }
        return clock.timing();
    }

    /** {@code DATA_IMAGES} random 8-bit grey images of side {@code side} (uniform bytes, seed 1). */
    private static ImageDataset randomImages(NDManager manager, int side) {
        byte[] pixels = new byte[DATA_IMAGES * side * side];
        new Random(1).nextBytes(pixels);
        return ImageDataset.of("random " + side + "x" + side, manager, pixels, side, side, new int[DATA_IMAGES],
                List.of("none"), Map.of());
    }

    /** A memory figure of this process from /proc/self/status (VmHWM: peak RSS, VmRSS: RSS now), in MB. */
    private static long statusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + key + " in /proc/self/status");
    }

    private static void result(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got '" + a + "'");
            }
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return opts;
    }

    /** A model with its objective, its training recipe and its inference forward pass. */
    private static final class BenchModel {
        final Block block;
        final Objective objective;
        final int side;
        final double learningRate;
        final BiFunction<ParameterStore, Batch, NDArray> forward;
        final DiffusionRecipe ddpm;

        private BenchModel(Block block, Objective objective, int side, double learningRate,
                BiFunction<ParameterStore, Batch, NDArray> forward, DiffusionRecipe ddpm) {
            this.block = block;
            this.objective = objective;
            this.side = side;
            this.learningRate = learningRate;
            this.forward = forward;
            this.ddpm = ddpm;
        }

        static BenchModel of(String name) {
            switch (name) {
                case "mlp":
                    return vae(Vae.mlp(20), 28);
                case "conv28":
                    return vae(Vae.conv28(20), 28);
                case "conv64":
                    return vae(Vae.conv64(10), 64);
                case "unet":
                    return unet();
                default:
                    throw new IllegalArgumentException("model must be mlp, conv28, conv64 or unet, got '" + name + "'");
            }
        }

        private static BenchModel vae(Vae vae, int side) {
            return new BenchModel(vae, new VaeObjective(vae), side, 1e-3,
                    (store, b) -> vae.forward(store, new NDList(b.x()), false).head(), null);
        }

        /**
         * The quick-profile DDPM recipe (small U-Net, cosine T = 1000, clipping at 1, EMA), unconditional and with the
         * offset time conditioning of the PyTorch side's U-Net rather than the recipe's labels and scale-shift.
         */
        private static BenchModel unet() {
            DiffusionRecipe recipe = DiffusionRecipe.forProfile(Profile.QUICK);
            DiffusionModel model = new DiffusionModel(recipe.unet().withClasses(0).withScaleShift(false),
                    NoiseSchedule.named(recipe.schedule(), recipe.steps()));
            return new BenchModel(model, new DenoisingObjective(model), 28, recipe.learningRate(), (store, b) -> {
                NDManager m = b.manager();
                NDArray t = m.randomInteger(0, recipe.steps(), new Shape(b.size()), DataType.INT32);
                return model.net().predict(store, DiffusionModel.toModelRange(b.x()), t.toType(DataType.FLOAT32, false),
                        false);
            }, recipe);
        }

        /** The DDPM recipe's extras (input shapes, clipping, EMA) for the U-Net; nothing for a VAE. */
        Fit recipe(Fit fit) {
            if (ddpm == null) {
                return fit;
            }
            DiffusionModel model = (DiffusionModel) block;
            return fit.inputShapes(model.inputShapes(side, side)).clipGradientNorm(DiffusionRecipe.CLIP_NORM)
                    .listener(new ExponentialMovingAverage(model.net(), model.ema(), ddpm.emaDecay()));
        }

        /** Initialises the parameters in {@code manager} and returns the number of trainable scalars. */
        long initialize(NDManager manager) {
            if (block instanceof Vae vae) {
                vae.initialize(manager);
            } else {
                ((DiffusionModel) block).initialize(manager, side, side);
            }
            long n = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    n += p.getValue().getArray().size();
                }
            }
            return n;
        }
    }

    /**
     * Step timestamps from the fit loop's progress calls, and a data source that stops when the budget is
     * spent: warm-up until {@code warmupSeconds} have passed (at least one step when positive), then at
     * least {@code minSteps} timed steps and {@code seconds}.
     */
    private static final class StepClock implements Progress {
        private final double warmupSeconds;
        private final double seconds;
        private final int minSteps;
        private final List<Long> stamps = new ArrayList<>();
        private int warm = -1;
        private long warmRssMb;

        StepClock(double warmupSeconds, double seconds, int minSteps) {
            this.warmupSeconds = warmupSeconds;
            this.seconds = seconds;
            this.minSteps = minSteps;
        }

        @Override
        public void start(String title, int epochs, long stepsPerEpoch) {
            stamps.add(System.nanoTime());
            if (warmupSeconds <= 0) {
                warm = 0;
                warmRssMb = statusMb("VmRSS");
            }
        }

        @Override
        public void step(int epoch, long step, double imagesPerSecond, double runningLoss) {
            long now = System.nanoTime();
            stamps.add(now);
            if (warm < 0 && (now - stamps.get(0)) / 1e9 >= warmupSeconds) {
                warm = stamps.size() - 1;
                warmRssMb = statusMb("VmRSS");
            }
        }

        boolean done() {
            return warm >= 0 && stamps.size() - 1 - warm >= minSteps
                    && (stamps.get(stamps.size() - 1) - stamps.get(warm)) / 1e9 >= seconds;
        }

        Timing timing() {
            return new Timing(stamps.size() - 1 - warm, (stamps.get(stamps.size() - 1) - stamps.get(warm)) / 1e9,
                    statusMb("VmRSS") - warmRssMb);
        }

        /** {@code data}'s batches, reshuffled epoch after epoch, until {@link #done()}. */
        BatchSource source(ImageDataset data) {
            BatchSource all = BatchSource.of(data);
            return new BatchSource() {
                @Override
                public Iterable<Batch> batches(int batchSize, boolean shuffle, long seed) {
                    return () -> new Iterator<>() {
                        long epoch;
                        Iterator<Batch> current = Collections.emptyIterator();

                        @Override
                        public boolean hasNext() {
                            return !done();
                        }

                        @Override
                        public Batch next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            if (!current.hasNext()) {
                                current = all.batches(batchSize, shuffle, seed + epoch++).iterator();
                            }
                            return current.next();
                        }
                    };
                }

                @Override
                public long size() {
                    return all.size();
                }

                @Override
                public Shape imageShape() {
                    return all.imageShape();
                }

                @Override
                public String describe() {
                    return all.describe() + ", time-bounded";
                }
            };
        }
    }

    /** Steps timed after warm-up, their seconds, and how much the RSS grew over them (MB). */
    private record Timing(int steps, double seconds, long rssGrowthMb) {
        double imagesPerSecond(int batch) {
            return steps * (double) batch / seconds;
        }

        double msPerStep() {
            return 1000 * seconds / steps;
        }
    }

}
