package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import java.util.function.Supplier;
import org.dgm4j.ops.Scalars;

/**
 * Ancestral sampling of Ho et al. (2020) over all T steps. After x̂_0 (see {@link ReverseSampler}):
 * <ol start="4">
 *   <li>the mean of the posterior q(x_{t-1} | x_t, x̂_0) (eq. 7): μ̃_t = c_0 x̂_0 + c_t x_t with
 *       c_0 = β_t √ᾱ_{t-1}/(1-ᾱ_t) and c_t = √α_t (1-ᾱ_{t-1})/(1-ᾱ_t);</li>
 *   <li>x_{t-1} = μ̃_t + √β̃_t z, z ~ N(0, I), β̃_t = β_t (1-ᾱ_{t-1})/(1-ᾱ_t); no noise on the last step.</li>
 * </ol>
 */
public final class DdpmSampler extends ReverseSampler {

    /** A DDPM sampler reversing {@code schedule}. */
    public DdpmSampler(NoiseSchedule schedule) {
        super(schedule);
    }

    @Override
    public int[] timesteps() {
        int[] taus = new int[schedule().steps()];
        for (int i = 0; i < taus.length; i++) {
            taus[i] = i;
        }
        return taus;
    }

    @Override
    protected NDArray update(NDArray xt, NDArray x0, int t, int prev, Supplier<NDArray> noise) {
        NoiseSchedule s = schedule();
        NDArray mean = Scalars.mul(x0, s.posteriorMeanCoefX0(t)).add(Scalars.mul(xt, s.posteriorMeanCoefXt(t)));
        if (t == 0) {
            return mean;
        }
        return mean.add(Scalars.mul(noise.get(), Math.sqrt(s.posteriorVariance(t))));
    }

    @Override
    public String describe() {
        return "DDPM(T=" + schedule().steps() + ")";
    }
}
