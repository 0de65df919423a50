// Solutions of notebooks/02-vae-reparameterization.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-02.1
NDArray gaussianKl(NDArray mu, NDArray logVar) {
    return logVar.exp().add(mu.square()).sub(1).sub(logVar).sum(new int[] {1}).mul(0.5);
}

//// exercise-02.2
NDArray reparameterize(NDArray mu, NDArray logVar, NDArray eps) {
    return mu.add(logVar.mul(0.5).exp().mul(eps));
}

//// exercise-02.3
double sinGradient(int n) {
    Random random = new Random(0);
    // d/dμ sin(μ + σε) = cos(μ + σε); exact: E[cos z] = cos μ · e^(−σ²/2) ≈ 0.328 at μ = σ = 1
    double sum = 0;
    for (int i = 0; i < n; i++) sum += Math.cos(1 + 1 * random.nextGaussian());
    return sum / n;
}
