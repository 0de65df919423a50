// Solutions of notebooks/09-latent-diffusion.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code
// that replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-09.1
float[][] scaleCodes(float[][] codes) {
    int n = codes.length, dims = codes[0].length;
    double[] mean = new double[dims];
    for (float[] z : codes) for (int j = 0; j < dims; j++) mean[j] += z[j] / (double) n;
    double sumSquares = 0;
    for (float[] z : codes) for (int j = 0; j < dims; j++) sumSquares += (z[j] - mean[j]) * (z[j] - mean[j]);
    double scale = Math.sqrt(sumSquares / ((double) n * dims));
    float[][] out = new float[n][dims];
    for (int i = 0; i < n; i++) for (int j = 0; j < dims; j++) out[i][j] = (float) ((codes[i][j] - mean[j]) / scale);
    return out;
}

//// exercise-09.2
double snrOf(double alphaBar, double sigma) {
    return alphaBar * sigma * sigma / (1 - alphaBar);
}

//// exercise-09.3
NDArray codes5 = codecs.get(32).encode(test.x(manager, 0, profile.pick(200, 1_000, 1_000))).mul(5);
double diffusedVariance(int t) {
    double a = schedule.alphaBars()[t];
    NDArray zt = codes5.mul(Math.sqrt(a)).add(manager.randomNormal(codes5.getShape()).mul(Math.sqrt(1 - a)));
    return zt.sub(zt.mean()).square().mean().getFloat();
}
