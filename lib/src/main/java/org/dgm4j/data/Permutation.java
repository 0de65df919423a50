package org.dgm4j.data;

import java.util.Random;

/** Seeded random permutations (Fisher-Yates with {@link Random}), the one source of data-order randomness. */
public final class Permutation {

    private Permutation() {}

    /** A permutation of {@code 0 .. n-1} determined by {@code seed}. */
    public static int[] of(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
