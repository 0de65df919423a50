package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Inpainting with an unconditional (or guided) denoiser, after RePaint (Lugmayr et al. 2022): run a
 * reverse sampler and, after every step to time step s, replace the known entries by a fresh draw of
 * q(x_s | x_0) = N(√ᾱ_s x_0, (1-ᾱ_s) I) of the known sample, so that the generated part is denoised in
 * agreement with them. RePaint's resampling: each step is repeated {@code rounds} times, going back from
 * x_s to x_t ~ q(x_t | x_s) in between, which lets the generated part harmonise with the known part.
 * At the final step the known entries are the given values exactly.
 */
public final class InpaintingSampler {

    private final ReverseSampler sampler;
    private final int rounds;

    /** Inpainting along {@code sampler}'s steps with {@code rounds} ≥ 1 passes per step (1 = no resampling). */
    public InpaintingSampler(ReverseSampler sampler, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("inpainting needs >= 1 round per step (1 = no resampling, RePaint uses 10), got "
                    + rounds);
        }
        this.sampler = sampler;
        this.rounds = rounds;
    }

    /**
     * Completes {@code known} (N, sample shape), images in [0, 1] when the sampler maps to images, else in the
     * model's range, where {@code mask} (N or 1, sample shape) is 1 (known) and 0 (to generate); returns
     * the completions, owned by {@code manager}, with the known entries equal to {@code known}. Sets the
     * wrapped sampler's sample shape to that of {@code known}.
     */
    public SampleRun sample(NoisePredictor eps, NDArray known, NDArray mask, NDManager manager, long seed) {
        Shape s = known.getShape();
        Shape m = mask.getShape();
        boolean sameRest = m.dimension() == s.dimension() && m.slice(1).equals(s.slice(1));
        if (!sameRest || (m.get(0) != 1 && m.get(0) != s.get(0))) {
            throw new IllegalArgumentException("the mask must have the samples' shape " + s + " or (1, " + s.slice(1)
                    + ") to apply to all, got " + m);
        }
        float[] values = mask.toFloatArray();
        for (float v : values) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("mask entries must be 1 (known) or 0 (to generate), found " + v);
            }
        }
        sampler.sampleShape(s.slice(1).getShape());
        try (NDManager scope = manager.newSubManager()) {
            NDArray x0 = sampler.mapsToImages() ? known.mul(2).sub(1) : known.duplicate();
            x0.attach(scope);
            NDArray isKnown = mask.broadcast(s).toType(DataType.BOOLEAN, true);
            isKnown.attach(scope);
            SampleRun run = sampler.run(eps, manager, (int) s.get(0), seed, new KnownValues(x0, isKnown, rounds));
            NDArray exact = NDArrays.where(isKnown, known, run.images());
            exact.attach(manager);
            run.images().close();
            return new SampleRun(exact, run.frames(), run.seconds());
        }
    }

    /** A short name with the settings, e.g. "RePaint(DDPM(T=1000), rounds=3)". */
    public String describe() {
        return "RePaint(" + sampler.describe() + ", rounds=" + rounds + ")";
    }
}
