package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgm4j.Engines;
import org.dgm4j.Profile;
import org.dgm4j.diffusion.DiffusionModel;
import org.dgm4j.experiments.DiffusionRecipe;
import org.dgm4j.model.Vae;

/**
 * The optimiser step alone (a benchmark, not a test): milliseconds per Adam update of the benchmark
 * models' weights with random gradients, the multi-tensor {@link Adam} against the per-tensor update it
 * replaced, in alternating blocks of steps in one process. Arguments: {@code [rounds] [stepsPerBlock]}
 * (defaults 5, 50). Run it pinned to one core with one intra-op thread.
 */
public final class AdamBench {

    private AdamBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        System.out.println(Engines.describe());
        for (String name : List.of("mlp", "conv28", "conv64", "unet")) {
            try (NDManager manager = Engines.newManager()) {
                List<NDArray> weights = weights(name, manager);
                List<NDArray> gradients = new ArrayList<>();
                long scalars = 0;
                for (NDArray w : weights) {
                    gradients.add(manager.randomNormal(0, 1, w.getShape(), DataType.FLOAT32));
                    scalars += w.size();
                }
                double[] multi = new double[rounds];
                double[] single = new double[rounds];
                try (Adam a = new Adam(weights); PerTensorAdam b = new PerTensorAdam(weights, 0.9, 0.999, 1e-8)) {
                    for (int r = 0; r < rounds; r++) {
                        long t0 = System.nanoTime();
                        for (int s = 0; s < steps; s++) {
                            a.step(gradients, 1e-6);
                        }
                        long t1 = System.nanoTime();
                        for (int s = 0; s < steps; s++) {
                            b.step(gradients, 1e-6);
                        }
                        long t2 = System.nanoTime();
                        multi[r] = (t1 - t0) / 1e6 / steps;
                        single[r] = (t2 - t1) / 1e6 / steps;
                    }
                }
                System.out.printf(Locale.ROOT, "%-7s %3d tensors %,10d scalars: multi-tensor %s ms, per-tensor %s ms"
                        + " (median %.3f vs %.3f ms/step)%n", name, weights.size(), scalars, list(multi), list(single),
                        median(multi), median(single));
            }
        }
    }

    private static List<NDArray> weights(String name, NDManager manager) {
        Block block;
        switch (name) {
            case "mlp" -> block = init(Vae.mlp(20), manager);
            case "conv28" -> block = init(Vae.conv28(20), manager);
            case "conv64" -> block = init(Vae.conv64(10), manager);
            default -> {
                DiffusionModel model = DiffusionRecipe.forProfile(Profile.QUICK).newModel();
                model.initialize(manager, 28, 28);
                block = model;
            }
        }
        List<NDArray> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue().getArray());
            }
        }
        return out;
    }

    private static Block init(Vae vae, NDManager manager) {
        vae.initialize(manager);
        return vae;
    }

    private static String list(double[] xs) {
        StringBuilder sb = new StringBuilder();
        for (double x : xs) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        return sb.toString();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
