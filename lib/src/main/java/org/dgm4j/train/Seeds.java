package org.dgm4j.train;

/** Seeds derived from a run's seed and a counter (epoch, step), well mixed by the SplitMix64 finaliser. */
final class Seeds {

    private Seeds() {}

    /** An int seed for the engine's generator. */
    static int forEngine(long seed, long counter) {
        return (int) (mix(seed, counter) >>> 33);
    }

    /** A long seed, e.g. for an epoch's shuffle. */
    static long mix(long seed, long counter) {
        long z = seed + 0x9E3779B97F4A7C15L * (counter + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
