package org.dgm4j.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve of an anomaly score, computed from ranks (the Mann–Whitney U statistic):
 * the probability that a random anomaly scores higher than a random normal example, ties counting
 * one half. 1 means perfect separation, 0.5 no better than chance. O(n log n).
 */
public final class RocAuc {

    private RocAuc() {}

    /** AUC for scores of normal examples and of anomalies (higher score = more anomalous). */
    public static double of(double[] normalScores, double[] anomalyScores) {
        int n0 = normalScores.length;
        int n1 = anomalyScores.length;
        if (n0 == 0 || n1 == 0) {
            throw new IllegalArgumentException("ROC AUC needs at least one normal and one anomalous score, got "
                    + n0 + " and " + n1);
        }
        int n = n0 + n1;
        double[] all = new double[n];
        System.arraycopy(normalScores, 0, all, 0, n0);
        System.arraycopy(anomalyScores, 0, all, n0, n1);
        for (double v : all) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("ROC AUC cannot rank NaN scores; remove them first");
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> all[i]));
        double rankSumAnomalies = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks are 1-based; ties share their mean rank
            for (int k = i; k <= j; k++) {
                if (order[k] >= n0) {
                    rankSumAnomalies += midRank;
                }
            }
            i = j + 1;
        }
        double u = rankSumAnomalies - n1 * (n1 + 1) / 2.0;
        return u / ((double) n0 * n1);
    }

    /** AUC for scores with labels ({@code true} = anomaly / positive). */
    public static double of(double[] scores, boolean[] anomaly) {
        if (scores.length != anomaly.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + anomaly.length + " labels");
        }
        int n1 = 0;
        for (boolean b : anomaly) {
            n1 += b ? 1 : 0;
        }
        double[] pos = new double[n1];
        double[] neg = new double[scores.length - n1];
        int p = 0;
        int q = 0;
        for (int i = 0; i < scores.length; i++) {
            if (anomaly[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        return of(neg, pos);
    }
}
