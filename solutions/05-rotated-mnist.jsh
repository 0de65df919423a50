// Solutions of notebooks/05-rotated-mnist.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-05.1
double[] doubleAngle(double thetaDegrees) {
    double a = Math.toRadians(2 * thetaDegrees);
    return new double[] {Math.cos(a), Math.sin(a)};
}

//// exercise-05.2
double pearson(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElseThrow(), mb = Arrays.stream(b).average().orElseThrow();
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < a.length; i++) {
        ab += (a[i] - ma) * (b[i] - mb);
        aa += (a[i] - ma) * (a[i] - ma);
        bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / Math.sqrt(aa * bb);
}

//// exercise-05.3
float[][] codesBig = means.get(betas[betas.length - 1]);
double twoLatentShare() {
    int[] top = LatentCorrelation.rankByAbsolute(LatentCorrelation.perLatent(codesBig, theta));
    float[][] two = new float[codesBig.length][];
    for (int i = 0; i < two.length; i++) two[i] = new float[] {codesBig[i][top[0]], codesBig[i][top[1]]};
    double[][] target = LinearReadout.doubleAngle(theta);
    return LinearReadout.heldOutR2(two, target, 0.5) / LinearReadout.heldOutR2(codesBig, target, 0.5);
}
