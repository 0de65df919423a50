package org.dgm4j.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
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
 * Memory steady state of the fit loop (a benchmark, not a test): trains the MLP VAE (z = 20, Adam 1e-3,
 * batch 128, seed 1, no cache) on MNIST with the test set as validation data and prints after every
 * epoch the process's RSS and peak RSS, the JVM heap in use (after a GC) and {@link Engines#liveArrays()}.
 *
 * <p>Verdict, from epoch {@value #WARM_UP} (warm-up) to the last epoch: the live-array count must not
 * change at all and RSS must not grow by more than {@value #RSS_TOLERANCE_MB} MB. Exits with status 1
 * when either is not flat. Arguments: {@code [epochs] [trainingImages]} (defaults 10, 60000).
 */
public final class MemoryBench {

    /** The epoch after which memory must be flat. */
    static final int WARM_UP = 2;
    /** Allowed RSS growth after warm-up, in MB. */
    static final long RSS_TOLERANCE_MB = 64;

    private MemoryBench() {}

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        if (epochs <= WARM_UP) {
            throw new IllegalArgumentException("epochs must exceed the warm-up of " + WARM_UP + ", got " + epochs);
        }
        System.out.println(Engines.describe() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        List<long[]> rows = new ArrayList<>();
        try (NDManager manager = Engines.newManager();
                ImageDataset full = Mnist.train(manager);
                ImageDataset test = Mnist.test(manager)) {
            ImageDataset train = images >= full.size() ? full : full.subset(images, 1);
            long[] before = sample(0);
            System.out.printf(Locale.ROOT, "MLP VAE z=20 on %d MNIST training images, %d epochs, validation on %d;"
                    + " before training: RSS %d MB, %d live arrays%n", train.size(), epochs, test.size(), before[1],
                    before[4]);
            System.out.println("epoch  seconds   RSS MB  peak MB  heap MB  live arrays");
            Progress perEpoch = new Progress() {
                @Override
                public void epoch(History history) {
                    long[] row = sample(history.size());
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "%5d  %7.1f  %s%n", row[0],
                            history.seconds()[history.size() - 1], format(row));
                }
            };
            Vae vae = Vae.mlp(20);
            Fit.of(vae, new VaeObjective(vae)).train(train).validation(test).epochs(epochs).batchSize(128)
                    .learningRate(1e-3).seed(1).progress(perEpoch).run();
        }
        long[] warm = rows.get(WARM_UP - 1);
        long[] last = rows.get(rows.size() - 1);
        long maxRss = rows.stream().skip(WARM_UP).mapToLong(r -> r[1]).max().orElse(warm[1]);
        long arraysMin = rows.stream().skip(WARM_UP - 1).mapToLong(r -> r[4]).min().orElse(0);
        long arraysMax = rows.stream().skip(WARM_UP - 1).mapToLong(r -> r[4]).max().orElse(0);
        boolean rssFlat = maxRss - warm[1] <= RSS_TOLERANCE_MB;
        boolean arraysFlat = arraysMin == arraysMax;
        System.out.printf(Locale.ROOT, "RSS after epoch %d: %d MB, highest later: %d MB (+%d MB, tolerance %d MB),"
                + " after epoch %d: %d MB -> %s%n", WARM_UP, warm[1], maxRss, maxRss - warm[1], RSS_TOLERANCE_MB,
                last[0], last[1], rssFlat ? "flat" : "GROWING");
        System.out.printf(Locale.ROOT, "live NDArrays from epoch %d on: %d to %d (tolerance 0) -> %s%n", WARM_UP,
                arraysMin, arraysMax, arraysFlat ? "flat" : "GROWING");
        System.out.println("after closing the data: " + Engines.liveArrays() + " live NDArrays (the trained model's parameters)");
        if (!(rssFlat && arraysFlat)) {
            System.out.println("MEMORY NOT FLAT after warm-up");
            System.exit(1);
        }
        System.out.println("memory flat after warm-up");
    }

    /** {epoch, RSS MB, peak RSS MB, heap MB after GC, live arrays}. */
    private static long[] sample(int epoch) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return new long[] {epoch, status("VmRSS:"), status("VmHWM:"), heap, Engines.liveArrays()};
    }

    private static String format(long[] row) {
        return String.format(Locale.ROOT, "%7d  %7d  %7d  %11d", row[1], row[2], row[3], row[4]);
    }

    /** A /proc/self/status field in MB (Linux), -1 elsewhere. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
