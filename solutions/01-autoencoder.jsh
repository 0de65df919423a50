// Solutions of notebooks/01-autoencoder.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-01.1
NDArray bce(NDArray logits, NDArray x) {
    // −[x log σ(l) + (1 − x) log(1 − σ(l))] = softplus(l) − x·l, stable for large |l|
    return Activation.softPlus(logits).sub(x.mul(logits)).sum(new int[] {1, 2, 3});
}

//// exercise-01.2
double auc(double[] normalScores, double[] anomalyScores) {
    double wins = 0;
    for (double a : anomalyScores) for (double n : normalScores) wins += a > n ? 1 : a == n ? 0.5 : 0;
    return wins / ((double) normalScores.length * anomalyScores.length);
}

//// exercise-01.3
double plainTestMse() {
    double sum = 0;
    for (Batch b : test.batches(256, false, 0)) {
        try (b) {
            NDArray e = Activation.sigmoid(plain.decode(plain.encode(b.x()))).sub(b.x()).square();
            sum += e.sum().getFloat() / (e.size() / b.size());   // Σ over images of the mean over pixels
        }
    }
    return sum / test.size();
}
