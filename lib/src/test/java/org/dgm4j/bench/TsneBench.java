package org.dgm4j.bench;

import java.util.Random;
import org.dgm4j.embed.Embedding;
import org.dgm4j.embed.Pca;
import org.dgm4j.embed.Tsne;

/**
 * Times t-SNE (default settings: perplexity 30, 1000 iterations) and PCA on synthetic 10-D latent
 * means made of ten Gaussian clusters, for several numbers of points. Not a test: prints figures.
 * Prints wall-clock time and the process CPU time used (which, unlike wall time, does not depend on
 * other load on the machine). Run after {@code mvn -o -q -pl lib test-compile}:
 * {@code java -cp lib/target/test-classes:lib/target/classes:<runtime classpath> org.dgm4j.bench.TsneBench 1000 2000}.
 */
public final class TsneBench {

    private TsneBench() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1000, 2000} : java.util.Arrays.stream(args)
                .mapToInt(Integer::parseInt).toArray();
        int d = 10;
        System.out.printf("cores available: %d%n", Runtime.getRuntime().availableProcessors());
        for (int n : sizes) {
            float[][] x = clusters(n, d, n);
            Pca pca = Pca.fit(x, 2);
            long cpu0 = cpuNanos();
            Embedding e = Tsne.withDefaults().maxPoints(n).embed(x, 42);
            double cpu = (cpuNanos() - cpu0) / 1e9;
            System.out.printf("n=%d d=%d: t-SNE %.1f s wall, %.1f s CPU; PCA %d ms%n", n, d, e.millis() / 1000.0, cpu,
                    pca.millis());
        }
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static float[][] clusters(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == c % d ? 4 : 0));
            }
        }
        return x;
    }
}
