package org.dgm4j.metrics;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.loss.Objective;

/** A minimal Adam loop for metric tests (the course's fit loop lives in org.dgm4j.train). */
final class TinyFit {

    private TinyFit() {}

    static void fit(Block block, Objective objective, ImageDataset data, int batchSize, int steps, float lr) {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build();
        int step = 0;
        for (int epoch = 0; step < steps; epoch++) {
            for (Batch batch : data.batches(batchSize, true, epoch)) {
                try (batch; GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(objective.compute(batch, true).total());
                }
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray w = p.getValue().getArray();
                    NDArray g = w.getGradient();
                    adam.update(p.getValue().getId(), w, g);
                    g.subi(g);
                }
                if (++step == steps) {
                    return;
                }
            }
        }
    }
}
