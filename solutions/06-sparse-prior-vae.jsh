// Solutions of notebooks/06-sparse-prior-vae.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-06.1
double hoyer(double[] z) {
    double l1 = 0, l2 = 0;
    for (double v : z) { l1 += Math.abs(v); l2 += v * v; }
    double sqrtD = Math.sqrt(z.length);
    return (sqrtD - l1 / Math.sqrt(l2)) / (sqrtD - 1);
}

//// exercise-06.2
double sparseLogDensity(double z) {
    double gamma = 0.8, sigma0 = 0.05;
    double logSqrt2Pi = 0.5 * Math.log(2 * Math.PI);
    double spike = Math.log(gamma) - 0.5 * (z / sigma0) * (z / sigma0) - Math.log(sigma0) - logSqrt2Pi;
    double slab = Math.log(1 - gamma) - 0.5 * z * z - logSqrt2Pi;
    double m = Math.max(spike, slab);   // log-sum-exp: no underflow far in the tail
    return m + Math.log(Math.exp(spike - m) + Math.exp(slab - m));
}

//// exercise-06.3
float[][] sparseMeans = sparseRun.means();
double rawHoyer() {
    double sum = 0;
    for (float[] row : sparseMeans) {
        double[] z = new double[row.length];
        for (int j = 0; j < z.length; j++) z[j] = row[j];
        sum += hoyer(z);
    }
    return sum / sparseMeans.length;
}
