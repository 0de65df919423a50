// Solutions of notebooks/03-beta-sweep.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-03.1
NDArray klPerDimension(NDArray mu, NDArray logVar) {
    return logVar.exp().add(mu.square()).sub(1).sub(logVar).mul(0.5).mean(new int[] {0});
}

//// exercise-03.2
double warmup(long step, long steps) {
    return steps == 0 ? 1 : Math.min(1.0, (double) step / steps);
}

//// exercise-03.3
Vae vae10 = sweep.get(10, 1).vae();
double[] measuredKl() {
    double[] kl = new double[vae10.latentDim()];
    for (Batch b : test.batches(256, false, 0)) try (b) {   // each batch is freed after use
        var q = vae10.encode(b.x());
        float[] batchKl = klPerDimension(q.mu(), q.logVar()).toFloatArray();   // mean over the batch
        for (int j = 0; j < kl.length; j++) kl[j] += batchKl[j] * b.size() / test.size();
    }
    return kl;
}
