package org.dgm4j.bench;

import ai.djl.ndarray.NDManager;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.experiments.BetaSweep;
import org.dgm4j.experiments.VaeRecipe;
import org.dgm4j.train.Checkpoints;
import org.dgm4j.train.Progress;

/**
 * Seconds per training epoch of the conv and dense VAEs of notebook 03 (batch 64, β = 1, no cache), for
 * sizing its profiles. Arguments: training images (default 1024). Run with and without
 * {@code -Dai.djl.pytorch.num_threads=1} and report the load average next to the figures.
 */
public final class BetaSweepBench {

    private BetaSweepBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        java.nio.file.Path root = java.nio.file.Files.createTempDirectory("beta-sweep-bench");
        try (NDManager manager = Engines.newManager()) {
            ImageDataset train = Mnist.train(manager).subset(n, 0);
            ImageDataset test = Mnist.test(manager).subset(512, 0);
            System.out.println(Engines.describe() + ", threads property "
                    + System.getProperty("ai.djl.pytorch.num_threads", "default") + ", " + n + " images");
            for (String model : new String[] {"conv", "dense"}) {
                VaeRecipe recipe = (model.equals("conv") ? VaeRecipe.conv(10) : VaeRecipe.mlp(10)).withTraining(n, 1, 64, 1e-3);
                BetaSweep.Result r = BetaSweep.of(recipe).trainOn(train).evaluateOn(test)
                        .fit(f -> f.progress(Progress.silent()).checkpoints(Checkpoints.at(root))).run();
                BetaSweep.Run run = r.runs().get(0);
                System.out.printf("%-5s latent 10: %.2f s/epoch (%.1f ms/image), test -ELBO %.1f%n", model,
                        run.secondsPerEpoch(), 1000 * run.secondsPerEpoch() / n, run.negativeElbo());
            }
        }
    }
}
