package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import org.dgm4j.ops.Scalars;

/**
 * DDIM sampling of Song et al. (2021) over S ≤ T evenly spaced steps τ_i = round(i (T-1)/(S-1)):
 * x_prev = √ᾱ_prev x̂_0 + √(1 - ᾱ_prev - σ²) ε̂ + σ z with
 * σ = η √((1-ᾱ_prev)/(1-ᾱ_t)) √(1 - ᾱ_t/ᾱ_prev). η = 0 is deterministic; η = 1 with S = T is DDPM's
 * ancestral sampler. ε̂ is recomputed from the (clipped) x̂_0 so both stay consistent.
 */
public final class DdimSampler extends ReverseSampler {

    private final int steps;
    private final double eta;

    /** DDIM with {@code steps} sampling steps (1..T) and stochasticity {@code eta} ≥ 0. */
    public DdimSampler(DiffusionModel model, int steps, double eta) {
        super(model);
        int total = model.schedule().steps();
        if (steps < 1 || steps > total) {
            throw new IllegalArgumentException("DDIM needs 1 <= S <= T = " + total + " steps, got S = " + steps);
        }
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("DDIM η must be >= 0 (0 deterministic, 1 DDPM-like), got " + eta);
        }
        this.steps = steps;
        this.eta = eta;
    }

    @Override
    protected int[] timesteps() {
        int total = model().schedule().steps();
        int[] taus = new int[steps];
        for (int i = 0; i < steps; i++) {
            taus[i] = steps == 1 ? total - 1 : (int) Math.round((double) i * (total - 1) / (steps - 1));
        }
        return taus;
    }

    @Override
    protected NDArray step(NDArray xt, NDArray x0, NDArray eps, int t, int prev, NoiseSource noise) {
        NoiseSchedule s = model().schedule();
        double ab = s.alphaBar(t);
        double abPrev = prev >= 0 ? s.alphaBar(prev) : 1.0;
        double sigma = eta * Math.sqrt((1 - abPrev) / (1 - ab)) * Math.sqrt(1 - ab / abPrev);
        NDArray epsHat = Scalars.div(xt.sub(Scalars.mul(x0, Math.sqrt(ab))), Math.sqrt(1 - ab));
        double direction = Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma));
        NDArray next = Scalars.mul(x0, Math.sqrt(abPrev)).add(Scalars.mul(epsHat, direction));
        if (sigma > 0) {
            next = next.add(Scalars.mul(noise.draw(), sigma));
        }
        return next;
    }

    @Override
    public String describe() {
        return "DDIM(S=" + steps + ", η=" + eta + ")";
    }
}
