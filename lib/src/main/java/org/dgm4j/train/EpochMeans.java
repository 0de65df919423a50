package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgm4j.loss.LossTerms;

/** Batch-size-weighted means of the loss terms over an epoch, and the reading of one batch's terms. */
final class EpochMeans {

    private final Map<String, Double> sums = new LinkedHashMap<>();
    private long count;

    void add(Map<String, Double> values, int n) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            sums.merge(e.getKey(), e.getValue() * n, Double::sum);
        }
        count += n;
    }

    long count() {
        return count;
    }

    Map<String, Double> means(String split) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            out.put(split + "/" + e.getKey(), e.getValue() / count);
        }
        return out;
    }

    /** Total and components as doubles, copied from native memory in one transfer. */
    static Map<String, Double> read(LossTerms terms, NDManager scratch) {
        List<String> names = new ArrayList<>();
        NDList flat = new NDList();
        names.add(LossTerms.TOTAL);
        flat.add(scalar(LossTerms.TOTAL, terms.total()));
        for (Map.Entry<String, NDArray> e : terms.components().entrySet()) {
            names.add(e.getKey());
            flat.add(scalar(e.getKey(), e.getValue()));
        }
        NDArray all = flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat);
        all.attach(scratch);
        float[] v = all.toFloatArray();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), (double) v[i]);
        }
        return out;
    }

    private static NDArray scalar(String name, NDArray a) {
        if (a.size() != 1) {
            throw new IllegalArgumentException("Loss term '" + name + "' must be a scalar (mean over the batch),"
                    + " got shape " + a.getShape());
        }
        return a.stopGradient().toType(DataType.FLOAT32, false).reshape(1);
    }
}
