// Solutions of notebooks/08-conditional-generation.ipynb, for teachers. Each "//// exercise-NN.K" line starts the
// code that replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-08.1
NDArray guide(NDArray epsCond, NDArray epsNull, double w) {
    return epsCond.mul(1 + w).sub(epsNull.mul(w));
}

//// exercise-08.2
NDArray reimpose(NDArray xPrev, NDArray x0, NDArray mask, NDArray eps, double alphaBarPrev) {
    NDArray known = x0.mul(Math.sqrt(alphaBarPrev)).add(eps.mul(Math.sqrt(1 - alphaBarPrev)));
    return known.mul(mask).add(xPrev.mul(mask.neg().add(1)));
}

//// exercise-08.3
int[] dropLabels(int[] labels, double p, Random random) {
    int[] out = labels.clone();
    for (int i = 0; i < out.length; i++) if (random.nextDouble() < p) out[i] = ConditionalChecks.NULL_LABEL;
    return out;
}
