package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import java.util.function.Supplier;
import org.dgm4j.ops.Scalars;

/**
 * DDIM sampling of Song et al. (2021) over S ≤ T evenly spaced steps τ_i = round(i (T-1)/(S-1)). After
 * x̂_0 (see {@link ReverseSampler}), from t = τ_i to prev = τ_{i-1} (eq. 12):
 * <ol start="4">
 *   <li>ε̂ recomputed from the (clipped) x̂_0, ε̂ = (x_t - √ᾱ_t x̂_0)/√(1-ᾱ_t), so both stay consistent;</li>
 *   <li>σ = η √((1-ᾱ_prev)/(1-ᾱ_t)) √(1 - ᾱ_t/ᾱ_prev) (eq. 16);</li>
 *   <li>x_prev = √ᾱ_prev x̂_0 + √(1 - ᾱ_prev - σ²) ε̂ + σ z, z ~ N(0, I), with ᾱ_{-1} = 1.</li>
 * </ol>
 * η = 0 is deterministic; η = 1 with S = T is DDPM's ancestral sampler.
 */
public final class DdimSampler extends ReverseSampler {

    private final double eta;

    /** DDIM reversing {@code schedule} with {@code steps} sampling steps (1..T) and stochasticity {@code eta} ≥ 0. */
    public DdimSampler(NoiseSchedule schedule, int steps, double eta) {
        super(schedule, steps, "DDIM");
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("DDIM η must be >= 0 (0 deterministic, 1 DDPM-like), got " + eta);
        }
        this.eta = eta;
    }

    @Override
    protected NDArray update(NDArray xt, NDArray x0, int t, int prev, Supplier<NDArray> noise) {
        NoiseSchedule s = schedule();
        double ab = s.alphaBar(t);
        double abPrev = alphaBarOrOne(prev);
        NDArray epsHat = Scalars.div(xt.sub(Scalars.mul(x0, Math.sqrt(ab))), Math.sqrt(1 - ab));
        double sigma = eta * Math.sqrt((1 - abPrev) / (1 - ab)) * Math.sqrt(1 - ab / abPrev);
        double direction = Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma));
        NDArray next = Scalars.mul(x0, Math.sqrt(abPrev)).add(Scalars.mul(epsHat, direction));
        if (sigma > 0) {
            next = next.add(Scalars.mul(noise.get(), sigma));
        }
        return next;
    }

    @Override
    public String describe() {
        return "DDIM(S=" + steps() + ", η=" + eta + ")";
    }
}
