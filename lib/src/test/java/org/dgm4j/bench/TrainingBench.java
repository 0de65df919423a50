package org.dgm4j.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.loss.VaeObjective;
import org.dgm4j.model.Vae;
import org.dgm4j.train.Fit;
import org.dgm4j.train.History;
import org.dgm4j.train.Progress;

/**
 * Training throughput and MLP-VAE test -ELBO with the fit loop (a benchmark, not a test).
 *
 * <p>Prints: training images/s at batch 128 for the MLP VAE (z = 20) and both convolutional VAEs
 * (28x28, and 64x64 on resized MNIST), the process's peak RSS, and the MLP VAE's -ELBO (nats per image,
 * one posterior sample, the full 10,000-image test set) after 1, 3 and 10 epochs on the full training
 * set (Adam 1e-3, batch 128, seed 1). Reference: pytorch/examples' MLP VAE (784-400-20) reaches about
 * 105.6 nats after 10 epochs. Arguments: {@code [throughputImages] [elboEpochs]} (defaults 3840, 10).
 */
public final class TrainingBench {

    private TrainingBench() {}

    public static void main(String[] args) throws IOException {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 3840;
        int elboEpochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println(Engines.describe() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        try (NDManager manager = Engines.newManager();
                ImageDataset train = Mnist.train(manager);
                ImageDataset test = Mnist.test(manager)) {
            try (ImageDataset small = train.subset(images, 3); ImageDataset small64 = small.resized(64)) {
                throughput("MLP VAE 784-512-256-20", Vae.mlp(20), small);
                throughput("conv VAE 28x28 z=20", Vae.conv28(20), small);
                throughput("conv VAE 64x64 (beta-VAE) z=10", Vae.conv64(10), small64);
            }
            System.out.println("peak RSS after throughput runs: " + peakRssMb() + " MB");
            if (elboEpochs > 0) {
                Vae vae = Vae.mlp(20);
                History h = Fit.of(vae, new VaeObjective(vae)).train(train).validation(test).epochs(elboEpochs)
                        .batchSize(128).learningRate(1e-3).seed(1).progress(Progress.console()).run();
                double[] elbo = h.series("val/total");
                for (int e : new int[] {1, 3, 10}) {
                    if (e <= elbo.length) {
                        System.out.printf(Locale.ROOT, "MLP VAE z=20 test -ELBO after %2d epochs: %.2f nats%n", e,
                                elbo[e - 1]);
                    }
                }
                System.out.println(h.table().print());
            }
        }
        System.out.println("peak RSS: " + peakRssMb() + " MB");
    }

    private static void throughput(String name, Vae vae, ImageDataset data) {
        // one warm-up epoch, then a timed one (the history records its seconds)
        History h = Fit.of(vae, new VaeObjective(vae)).train(data).epochs(2).batchSize(128).seed(1)
                .progress(Progress.silent()).run();
        double seconds = h.seconds()[1];
        System.out.printf(Locale.ROOT, "%-32s %8.0f images/s (batch 128, %d images in %.1f s)%n", name,
                data.size() / seconds, data.size(), seconds);
    }

    private static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
