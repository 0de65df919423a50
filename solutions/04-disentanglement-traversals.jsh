// Solutions of notebooks/04-disentanglement-traversals.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-04.1
double migGap(double[] mutualInformation, double entropy) {
    double[] sorted = mutualInformation.clone();
    Arrays.sort(sorted);
    return (sorted[sorted.length - 1] - sorted[sorted.length - 2]) / entropy;
}

//// exercise-04.2
float[][] traversal(float[] base, int dim, double[] values) {
    float[][] codes = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
        codes[i] = base.clone();
        codes[i][dim] = (float) values[i];
    }
    return codes;
}

//// exercise-04.3
float[][] means4 = LatentCodes.of(test, x -> models.get(4.0).encode(x).mu());
double digitMig() {
    int[] digit = test.labelArray();
    double[] mi = new double[means4[0].length];
    for (int j = 0; j < mi.length; j++) {
        double[] column = new double[means4.length];
        for (int i = 0; i < column.length; i++) column[i] = means4[i][j];
        mi[j] = Mig.mutualInformation(Mig.discretise(column, Mig.DEFAULT_BINS), digit);
    }
    return migGap(mi, Mig.entropy(digit));
}
