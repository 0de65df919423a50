package org.dgm4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.dgm4j.Engines;
import org.dgm4j.diffusion.UNet;
import org.dgm4j.diffusion.UNetConfig;

/**
 * U-Net training throughput (forward, backward, Adam update) in images per second at batch 128 for
 * the small and large configurations. Arguments: [steps] (default 5, after 1 warm-up step),
 * [configurations: small, large or both] (default both).
 */
public final class UNetThroughputBench {

    private UNetThroughputBench() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String which = args.length > 1 ? args[1] : "both";
        int batch = 128;
        System.out.println(Engines.describe());
        UNetConfig[] configs = switch (which) {
            case "small" -> new UNetConfig[] {UNetConfig.small()};
            case "large" -> new UNetConfig[] {UNetConfig.large()};
            default -> new UNetConfig[] {UNetConfig.small(), UNetConfig.large()};
        };
        for (UNetConfig config : configs) {
            try (NDManager m = Engines.newManager()) {
                Engine.getInstance().setRandomSeed(1);
                UNet net = new UNet(config).initialize(m, 28, 28);
                Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build();
                ParameterStore store = new ParameterStore(m, false);
                long start = 0;
                for (int step = 0; step <= steps; step++) {
                    if (step == 1) {
                        start = System.nanoTime();
                    }
                    try (NDManager sm = m.newSubManager()) {
                        NDArray x = sm.randomNormal(new Shape(batch, 1, 28, 28));
                        NDArray t = sm.randomInteger(0, 1000, new Shape(batch), ai.djl.ndarray.types.DataType.INT32);
                        NDArray eps = sm.randomNormal(new Shape(batch, 1, 28, 28));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = net.predict(store, x, t, true).sub(eps).square().mean();
                            gc.backward(loss);
                        }
                        for (Pair<String, Parameter> p : net.getParameters()) {
                            NDArray w = p.getValue().getArray();
                            adam.update(p.getValue().getId(), w, w.getGradient());
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s (%d parameters): %.1f images/s training at batch %d (%.2f s/step over %d steps)%n",
                        config, net.parameterCount(), steps * batch / seconds, batch, seconds / steps, steps);
            }
        }
    }
}
