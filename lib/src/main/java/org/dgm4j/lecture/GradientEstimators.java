package org.dgm4j.lecture;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.dgm4j.Engines;
import org.dgm4j.ops.Scalars;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The two Monte Carlo estimators of ∂/∂μ E_{z~N(μ, σ²)}[z²] (exact value 2μ), both computed by DJL autograd:
 *
 * <ul>
 *   <li>the <b>score-function</b> (REINFORCE) estimator: the gradient of (1/n) Σ f(z_i) log q(z_i; μ, σ)
 *       with the samples z_i and f(z_i) held constant, i.e. (1/n) Σ z_i² (z_i − μ) / σ²;
 *   <li>the <b>reparameterised</b> estimator: the gradient of (1/n) Σ f(μ + σ ε_i) with ε_i ~ N(0, 1),
 *       i.e. (1/n) Σ 2 (μ + σ ε_i).
 * </ul>
 *
 * Each is repeated independently to measure its spread. A single-sample estimate has variance 4σ²
 * (reparameterised) or (μ⁴ + 18μ²σ² + 15σ⁴)/σ² − 4μ² (score function) — for μ = σ = 1, 4 versus 30 — and
 * both shrink as 1/n with n samples.
 */
public final class GradientEstimators {

    private final double mu;
    private final double sigma;

    private GradientEstimators(double mu, double sigma) {
        if (!Double.isFinite(mu) || !(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("need a finite mu and a finite sigma > 0, got mu=" + mu
                    + ", sigma=" + sigma);
        }
        this.mu = mu;
        this.sigma = sigma;
    }

    /** The estimators of the gradient in μ of E[z²] under z ~ N(mu, sigma²). */
    public static GradientEstimators forSquare(double mu, double sigma) {
        return new GradientEstimators(mu, sigma);
    }

    /** The exact gradient ∂/∂μ (μ² + σ²) = 2μ. */
    public double exactGradient() {
        return 2 * mu;
    }

    /** Variance of a single-sample score-function estimate in closed form: (μ⁴ + 18μ²σ² + 15σ⁴)/σ² − 4μ². */
    public double scoreFunctionVariance() {
        double m2 = mu * mu;
        double s2 = sigma * sigma;
        // z = mu + s e, estimate z^2 e / s: E[z^4 e^2] / s^2 with E[e^2] = 1, E[e^4] = 3, E[e^6] = 15
        double second = (m2 * m2 + 18 * m2 * s2 + 15 * s2 * s2) / s2;
        return second - 4 * m2;
    }

    /** Variance of a single-sample reparameterised estimate: Var[2(μ + σε)] = 4σ². */
    public double reparameterisedVariance() {
        return 4 * sigma * sigma;
    }

    /** {@code repeats} independent score-function estimates, each averaging {@code samples} samples. */
    public double[] scoreFunction(int samples, int repeats, long seed) {
        return estimates(samples, repeats, seed, false);
    }

    /** {@code repeats} independent reparameterised estimates, each averaging {@code samples} samples. */
    public double[] reparameterised(int samples, int repeats, long seed) {
        return estimates(samples, repeats, seed, true);
    }

    /**
     * For each sample count: mean and standard deviation of both estimators over {@code repeats}
     * repetitions (columns samples, score mean, score std, reparam mean, reparam std).
     */
    public Table compare(int[] sampleCounts, int repeats, long seed) {
        if (sampleCounts.length == 0) {
            throw new IllegalArgumentException("give at least one sample count");
        }
        IntColumn n = IntColumn.create("samples");
        DoubleColumn scoreMean = DoubleColumn.create("score mean");
        DoubleColumn scoreStd = DoubleColumn.create("score std");
        DoubleColumn reparamMean = DoubleColumn.create("reparam mean");
        DoubleColumn reparamStd = DoubleColumn.create("reparam std");
        for (int i = 0; i < sampleCounts.length; i++) {
            double[] s = scoreFunction(sampleCounts[i], repeats, seed + 2L * i);
            double[] r = reparameterised(sampleCounts[i], repeats, seed + 2L * i + 1);
            n.append(sampleCounts[i]);
            scoreMean.append(mean(s));
            scoreStd.append(std(s));
            reparamMean.append(mean(r));
            reparamStd.append(std(r));
        }
        return Table.create("Gradient estimators of d/dmu E[z^2], z ~ N(" + mu + ", " + sigma + "^2)", n,
                scoreMean, scoreStd, reparamMean, reparamStd);
    }

    /** Mean of {@code x}. */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample standard deviation of {@code x} (n − 1 in the denominator). */
    public static double std(double[] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least 2 values for a standard deviation, got " + x.length);
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    /**
     * One μ per repetition (a vector of identical values requiring a gradient), so that a single
     * backward pass yields every repetition's estimate in μ's gradient.
     */
    private double[] estimates(int samples, int repeats, long seed, boolean reparameterised) {
        if (samples <= 0 || repeats < 2) {
            throw new IllegalArgumentException("need samples >= 1 and repeats >= 2, got samples=" + samples
                    + ", repeats=" + repeats);
        }
        Engine engine = Engine.getInstance();
        try (NDManager m = Engines.newManager()) {
            engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
            NDArray muVec = m.full(new Shape(repeats, 1), (float) mu);
            muVec.setRequiresGradient(true);
            NDArray sigmaArr = Scalars.of(m, sigma);
            NDArray eps = m.randomNormal(0f, 1f, new Shape(repeats, samples), DataType.FLOAT32);
            try (GradientCollector tape = engine.newGradientCollector()) {
                NDArray objective;
                if (reparameterised) {
                    NDArray z = muVec.add(eps.mul(sigmaArr));
                    objective = z.square().mean(new int[] {1});
                } else {
                    NDArray z = muVec.stopGradient().add(eps.mul(sigmaArr));
                    NDArray f = z.square();
                    NDArray logQ = Scalars.mul(z.sub(muVec).div(sigmaArr).square(), -0.5);
                    objective = f.mul(logQ).mean(new int[] {1});
                }
                tape.backward(objective.sum());
            }
            float[] g = muVec.getGradient().toFloatArray();
            double[] out = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                out[i] = g[i];
            }
            return out;
        }
    }
}
