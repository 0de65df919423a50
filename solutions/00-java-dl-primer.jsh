// Solutions of notebooks/00-java-dl-primer.ipynb, for teachers. Each "//// exercise-NN.K" line starts the code that
// replaces the notebook cell tagged exercise-NN.K in the solution notebooks (./environment/solutions).

//// exercise-00.1
NDArray absLossGradient(NDArray X, NDArray w, NDArray y) {
    return X.transpose().matMul(X.matMul(w).sub(y).sign());
}

//// exercise-00.2
NDArray meanImage(NDArray batch) {
    return batch.mean(new int[] {0});
}

//// exercise-00.3
ImageDataset fashion = FashionMnist.train(data, Profile.current().pick(2_000, 20_000, 60_000), 0);
double[] fashionInk() {
    float[] ink = fashion.floatImages(manager).reshape(fashion.size(), -1).mean(new int[] {1}).toFloatArray();
    double[] sum = new double[10], count = new double[10];
    int[] labels = fashion.labelArray();
    for (int i = 0; i < labels.length; i++) { sum[labels[i]] += ink[i]; count[labels[i]]++; }
    for (int c = 0; c < 10; c++) sum[c] /= count[c];
    return sum;
}
