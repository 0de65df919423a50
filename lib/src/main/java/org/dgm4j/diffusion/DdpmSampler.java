package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import java.util.function.Supplier;
import org.dgm4j.ops.Scalars;

/**
 * Ancestral sampling of Ho et al. (2020), over all T steps or respaced to S evenly spaced steps
 * τ_i = round(i (T-1)/(S-1)) as in Nichol and Dhariwal (2021, section 4): the respaced chain is the DDPM whose
 * ᾱ are the ᾱ_τ, so its step from t = τ_i to prev = τ_{i-1} has β' = 1 - ᾱ_t/ᾱ_prev (with ᾱ_{-1} = 1), which is
 * β_t when S = T. After x̂_0 (see {@link ReverseSampler}):
 * <ol start="4">
 *   <li>the mean of the posterior q(x_prev | x_t, x̂_0) (eq. 7): μ̃ = c_0 x̂_0 + c_t x_t with
 *       c_0 = β' √ᾱ_prev/(1-ᾱ_t) and c_t = √(1-β') (1-ᾱ_prev)/(1-ᾱ_t);</li>
 *   <li>x_prev = μ̃ + √β̃ z, z ~ N(0, I), β̃ = β' (1-ᾱ_prev)/(1-ᾱ_t); no noise on the last step.</li>
 * </ol>
 * The respaced chain equals DDIM with η = 1 at the same S.
 */
public final class DdpmSampler extends ReverseSampler {

    /** A DDPM sampler reversing {@code schedule} over all its T steps. */
    public DdpmSampler(NoiseSchedule schedule) {
        this(schedule, schedule == null ? 1 : schedule.steps());
    }

    /** A DDPM sampler reversing {@code schedule} respaced to {@code steps} ancestral steps (1..T). */
    public DdpmSampler(NoiseSchedule schedule, int steps) {
        super(schedule, steps, "DDPM");
    }

    @Override
    protected NDArray update(NDArray xt, NDArray x0, int t, int prev, Supplier<NDArray> noise) {
        NoiseSchedule s = schedule();
        double ab = s.alphaBar(t);
        double abPrev = alphaBarOrOne(prev);
        boolean adjacent = prev == t - 1;   // every step when S = T: the schedule's own coefficients
        double beta = 1 - ab / abPrev;
        double coefX0 = adjacent ? s.posteriorMeanCoefX0(t) : beta * Math.sqrt(abPrev) / (1 - ab);
        double coefXt = adjacent ? s.posteriorMeanCoefXt(t) : Math.sqrt(1 - beta) * (1 - abPrev) / (1 - ab);
        NDArray mean = Scalars.mul(x0, coefX0).add(Scalars.mul(xt, coefXt));
        if (prev < 0) {
            return mean;
        }
        double variance = adjacent ? s.posteriorVariance(t) : beta * (1 - abPrev) / (1 - ab);
        return mean.add(Scalars.mul(noise.get(), Math.sqrt(variance)));
    }

    @Override
    public String describe() {
        int total = schedule().steps();
        return steps() == total ? "DDPM(T=" + total + ")" : "DDPM(S=" + steps() + " of T=" + total + ")";
    }
}
