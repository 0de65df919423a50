package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import org.dgm4j.ops.Scalars;

/**
 * Ancestral sampling of Ho et al. (2020) over all T steps: x_{t-1} = μ̃_t(x_t, x̂_0) + √β̃_t z with the
 * posterior mean μ̃_t = c_0 x̂_0 + c_t x_t of q(x_{t-1} | x_t, x_0) and z ~ N(0, I) (no noise on the
 * last step).
 */
public final class DdpmSampler extends ReverseSampler {

    /** A DDPM sampler for {@code model}. */
    public DdpmSampler(DiffusionModel model) {
        super(model);
    }

    @Override
    protected int[] timesteps() {
        int[] taus = new int[model().schedule().steps()];
        for (int i = 0; i < taus.length; i++) {
            taus[i] = i;
        }
        return taus;
    }

    @Override
    protected NDArray step(NDArray xt, NDArray x0, NDArray eps, int t, int prev, NoiseSource noise) {
        NoiseSchedule s = model().schedule();
        NDArray mean = Scalars.mul(x0, s.posteriorMeanCoefX0(t)).add(Scalars.mul(xt, s.posteriorMeanCoefXt(t)));
        if (t == 0) {
            return mean;
        }
        return mean.add(Scalars.mul(noise.draw(), Math.sqrt(s.posteriorVariance(t))));
    }

    @Override
    public String describe() {
        return "DDPM(T=" + model().schedule().steps() + ")";
    }
}
