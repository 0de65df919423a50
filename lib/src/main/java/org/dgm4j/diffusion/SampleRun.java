package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The result of running a reverse process: the final samples and, when asked for, snapshots of the
 * chain along the way (the "reverse-process filmstrip"). All arrays are (N, sample shape), images in
 * [0, 1] unless the sampler was told {@code toImages(false)} (then x_0 as it is), and are owned by the
 * manager passed to the sampler.
 *
 * @param images the generated samples
 * @param frames snapshots from the initial noise to the final images, in order
 * @param seconds wall-clock time of the run
 */
public record SampleRun(NDArray images, List<Frame> frames, double seconds) {

    /**
     * One snapshot.
     *
     * @param t time index in the papers' 1-based notation: T for the initial noise x_T, 0 for the final x_0
     * @param images the chain's state x_t (mapped to [0, 1] for images)
     */
    public record Frame(int t, NDArray images) {}

    /** Seconds per generated sample. */
    public double secondsPerImage() {
        return seconds / images.getShape().get(0);
    }
}
