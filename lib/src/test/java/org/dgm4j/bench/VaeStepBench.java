package org.dgm4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.loss.VaeObjective;
import org.dgm4j.model.ParameterCounts;
import org.dgm4j.model.Vae;

/**
 * Training throughput (images/s) of one Adam step of the MLP and convolutional VAEs at batch 128 on random
 * images, with parameter counts. Usage: {@code VaeStepBench [steps]} (default 30, after 5 warm-up steps).
 */
public final class VaeStepBench {

    private VaeStepBench() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.println(Engines.describe());
        bench("MLP 784-512-256-20", Vae.mlp(20), steps);
        bench("conv28 z=20", Vae.conv28(20), steps);
        bench("conv64 z=10", Vae.conv64(10), steps);
    }

    private static void bench(String name, Vae vae, int steps) {
        int batchSize = 128;
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = Engines.newManager()) {
            vae.initialize(m);
            VaeObjective objective = new VaeObjective(vae);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            Shape shape = new Shape(batchSize, vae.imageShape().get(0), vae.imageShape().get(1), vae.imageShape().get(2));
            long start = 0;
            for (int i = 0; i < steps + 5; i++) {
                if (i == 5) {
                    start = System.nanoTime();
                }
                NDManager bm = m.newSubManager();
                try (Batch batch = new Batch(bm, bm.randomUniform(0f, 1f, shape), bm.zeros(new Shape(batchSize)));
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(objective.compute(batch, true).total());
                }
                for (Pair<String, Parameter> p : vae.getParameters()) {
                    NDArray w = p.getValue().getArray();
                    NDArray g = w.getGradient();
                    adam.update(p.getValue().getId(), w, g);
                    g.subi(g);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-22s %,10d params  %8.1f images/s  %6.1f ms/step%n", name,
                    ParameterCounts.count(vae), steps * batchSize / seconds, 1000 * seconds / steps);
        }
    }
}
