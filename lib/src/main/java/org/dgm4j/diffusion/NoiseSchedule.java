package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.dgm4j.ops.Scalars;

/**
 * A forward-process noise schedule β_0..β_{T-1} with every quantity the training objective and the
 * samplers need, precomputed in double precision. Time steps are 0-based: step {@code t} turns
 * x_t into x_{t+1} in the papers' 1-based notation, so ᾱ_t = ∏_{s ≤ t} (1 - β_s) and
 * x_t = √ᾱ_t x_0 + √(1 - ᾱ_t) ε.
 */
public final class NoiseSchedule {

    /** Largest β the cosine schedule may produce (Nichol and Dhariwal clip at 0.999). */
    public static final double MAX_COSINE_BETA = 0.999;

    private final String name;
    private final double[] betas;
    private final double[] alphas;
    private final double[] alphaBars;
    private final double[] alphaBarsPrev;
    private final double[] posteriorVariance;
    private final double[] posteriorMeanCoefX0;
    private final double[] posteriorMeanCoefXt;

    private NoiseSchedule(String name, double[] betas) {
        int steps = betas.length;
        for (int t = 0; t < steps; t++) {
            if (!(betas[t] > 0 && betas[t] < 1)) {
                throw new IllegalArgumentException("β_" + t + " = " + betas[t] + " is outside (0, 1)");
            }
        }
        this.name = name;
        this.betas = betas.clone();
        alphas = new double[steps];
        alphaBars = new double[steps];
        alphaBarsPrev = new double[steps];
        posteriorVariance = new double[steps];
        posteriorMeanCoefX0 = new double[steps];
        posteriorMeanCoefXt = new double[steps];
        double product = 1;
        for (int t = 0; t < steps; t++) {
            alphas[t] = 1 - betas[t];
            alphaBarsPrev[t] = product;
            product *= alphas[t];
            alphaBars[t] = product;
            posteriorVariance[t] = betas[t] * (1 - alphaBarsPrev[t]) / (1 - alphaBars[t]);
            posteriorMeanCoefX0[t] = betas[t] * Math.sqrt(alphaBarsPrev[t]) / (1 - alphaBars[t]);
            posteriorMeanCoefXt[t] = (1 - alphaBarsPrev[t]) * Math.sqrt(alphas[t]) / (1 - alphaBars[t]);
        }
    }

    /**
     * The linear schedule of Ho et al. (2020), β from 1e-4 to 0.02 at T = 1000, with both ends scaled by
     * 1000/T for other step counts (as improved-diffusion does), so that ᾱ_T stays near 4e-5 and x_T near
     * pure noise whatever T is; β is capped at 0.999 for very short schedules.
     */
    public static NoiseSchedule linear(int steps) {
        checkSteps(steps);
        double scale = 1000.0 / steps;
        return linear(steps, Math.min(MAX_BETA, 1e-4 * scale), Math.min(MAX_BETA, 0.02 * scale));
    }

    /** Largest β of the scaled linear schedule (a β of 1 would erase the image in one step). */
    private static final double MAX_BETA = 0.999;

    /** A linear schedule from {@code betaStart} to {@code betaEnd} (inclusive). */
    public static NoiseSchedule linear(int steps, double betaStart, double betaEnd) {
        checkSteps(steps);
        double[] betas = new double[steps];
        for (int t = 0; t < steps; t++) {
            betas[t] = steps == 1 ? betaStart : betaStart + (betaEnd - betaStart) * t / (steps - 1);
        }
        return new NoiseSchedule("linear", betas);
    }

    /** The cosine schedule of Nichol and Dhariwal (2021) with offset s = 0.008. */
    public static NoiseSchedule cosine(int steps) {
        return cosine(steps, 0.008);
    }

    /**
     * The cosine schedule: ᾱ(t) = f(t)/f(0), f(t) = cos²(((t/T) + s)/(1 + s) · π/2), with
     * β_t = 1 - ᾱ(t+1)/ᾱ(t) clipped to {@link #MAX_COSINE_BETA}.
     */
    public static NoiseSchedule cosine(int steps, double offset) {
        checkSteps(steps);
        if (!(offset > 0)) {
            throw new IllegalArgumentException("cosine offset s must be > 0, got " + offset);
        }
        double[] betas = new double[steps];
        for (int t = 0; t < steps; t++) {
            double beta = 1 - cosineF(t + 1, steps, offset) / cosineF(t, steps, offset);
            betas[t] = Math.min(beta, MAX_COSINE_BETA);
        }
        return new NoiseSchedule("cosine", betas);
    }

    /** A schedule by name ("linear" or "cosine"). */
    public static NoiseSchedule named(String name, int steps) {
        switch (name) {
            case "linear":
                return linear(steps);
            case "cosine":
                return cosine(steps);
            default:
                throw new IllegalArgumentException("Unknown noise schedule '" + name + "'; use \"linear\" or \"cosine\"");
        }
    }

    private static double cosineF(double t, int steps, double offset) {
        double c = Math.cos((t / steps + offset) / (1 + offset) * Math.PI / 2);
        return c * c;
    }

    private static void checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a schedule needs at least one step, got T = " + steps);
        }
    }

    /** "linear" or "cosine". */
    public String name() {
        return name;
    }

    /** T, the number of diffusion steps. */
    public int steps() {
        return betas.length;
    }

    /** β_t. */
    public double beta(int t) {
        return betas[check(t)];
    }

    /** α_t = 1 - β_t. */
    public double alpha(int t) {
        return alphas[check(t)];
    }

    /** ᾱ_t = ∏_{s ≤ t} α_s. */
    public double alphaBar(int t) {
        return alphaBars[check(t)];
    }

    /** ᾱ_{t-1}, with ᾱ_{-1} = 1. */
    public double alphaBarPrev(int t) {
        return alphaBarsPrev[check(t)];
    }

    /** Variance β̃_t of the posterior q(x_{t-1} | x_t, x_0). */
    public double posteriorVariance(int t) {
        return posteriorVariance[check(t)];
    }

    /** Coefficient of x_0 in the posterior mean. */
    public double posteriorMeanCoefX0(int t) {
        return posteriorMeanCoefX0[check(t)];
    }

    /** Coefficient of x_t in the posterior mean. */
    public double posteriorMeanCoefXt(int t) {
        return posteriorMeanCoefXt[check(t)];
    }

    /** A copy of all ᾱ_t. */
    public double[] alphaBars() {
        return alphaBars.clone();
    }

    /**
     * Samples x_t ~ q(x_t | x_0) in closed form: √ᾱ_t x_0 + √(1 - ᾱ_t) ε, one step per batch row.
     *
     * @param x0 clean images (B, ...)
     * @param t step per row, length B
     * @param noise standard normal noise ε of x0's shape
     */
    public NDArray diffuse(NDArray x0, int[] t, NDArray noise) {
        long rows = x0.getShape().get(0);
        if (t.length != rows) {
            throw new IllegalArgumentException("got " + t.length + " time steps for a batch of " + rows);
        }
        if (!x0.getShape().equals(noise.getShape())) {
            throw new IllegalArgumentException("noise shape " + noise.getShape() + " differs from x0 shape " + x0.getShape());
        }
        float[] signal = new float[t.length];
        float[] spread = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            signal[i] = (float) Math.sqrt(alphaBar(t[i]));
            spread[i] = (float) Math.sqrt(1 - alphaBar(t[i]));
        }
        NDManager m = x0.getManager();
        long[] dims = new long[x0.getShape().dimension()];
        Arrays.fill(dims, 1);
        dims[0] = rows;
        Shape column = new Shape(dims);
        NDArray a = m.create(signal).reshape(column);
        NDArray b = m.create(spread).reshape(column);
        return x0.mul(a).add(noise.mul(b));
    }

    /**
     * x_t = √ᾱ_t x_0 + √(1 - ᾱ_t) ε for one step {@code t} shared by all rows, allocated in the manager
     * of {@code noise} (which must have x0's shape).
     */
    public NDArray diffuse(NDArray x0, int t, NDArray noise) {
        if (!x0.getShape().equals(noise.getShape())) {
            throw new IllegalArgumentException("noise shape " + noise.getShape() + " differs from x0 shape " + x0.getShape());
        }
        double ab = alphaBar(t);
        return Scalars.mul(noise, Math.sqrt(1 - ab)).add(Scalars.like(noise, Math.sqrt(ab)).mul(x0));
    }

    private int check(int t) {
        if (t < 0 || t >= betas.length) {
            throw new IndexOutOfBoundsException("time step " + t + " is outside 0.." + (betas.length - 1));
        }
        return t;
    }

    @Override
    public String toString() {
        return name + "(T=" + steps() + ")";
    }
}
