package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A learned vector per class label, added to the U-Net's time embedding: a table of K + 1 rows of width
 * {@code dim}, where row K is the learned null label ∅ ("no label", used for classifier-free guidance).
 * Input {@code NDList(y (B))}, integer labels in 0..K; output (B, dim).
 */
public final class LabelEmbedding extends AbstractBlock {

    private final int classes;
    private final int dim;
    private final Parameter table;

    /** An embedding of {@code classes} labels plus the null label, width {@code dim}. */
    public LabelEmbedding(int classes, int dim) {
        this.classes = classes;
        this.dim = dim;
        table = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes + 1, dim)).build());
    }

    /** The null label's index, K. */
    public int nullLabel() {
        return classes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = inputs.singletonOrThrow();
        NDArray weights = store.getValue(table, y.getDevice(), training);
        NDArray oneHot = y.toType(DataType.INT64, false).oneHot(classes + 1).toType(DataType.FLOAT32, false);
        return new NDList(oneHot.matMul(weights));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }
}
