// Solutions of notebooks/07-ddpm.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-07.1
NDArray forwardDiffuse(NDArray x0, NDArray eps, double[] alphaBars, int t) {
    return x0.mul(Math.sqrt(alphaBars[t])).add(eps.mul(Math.sqrt(1 - alphaBars[t])));
}

//// exercise-07.2
NDArray ddimStep(NDArray xt, NDArray epsHat, double[] alphaBars, int t, int tPrev) {
    double a = alphaBars[t], aPrev = tPrev < 0 ? 1 : alphaBars[tPrev];
    NDArray x0 = xt.sub(epsHat.mul(Math.sqrt(1 - a))).div(Math.sqrt(a));
    return x0.mul(Math.sqrt(aPrev)).add(epsHat.mul(Math.sqrt(1 - aPrev)));
}

//// exercise-07.3
NDArray digits64 = test.x(manager, 0, 64);
double signalShare(int t) {
    NDArray xt = forwardDiffuse(digits64, manager.randomNormal(digits64.getShape()), schedule.alphaBars(), t);
    float[] a = digits64.toFloatArray(), b = xt.toFloatArray();
    double ma = 0, mb = 0;
    for (int i = 0; i < a.length; i++) { ma += a[i] / a.length; mb += b[i] / b.length; }
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < a.length; i++) {
        ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) * (a[i] - ma); bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab * ab / (aa * bb);
}
