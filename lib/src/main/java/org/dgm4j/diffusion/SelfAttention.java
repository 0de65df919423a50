package org.dgm4j.diffusion;

import static org.dgm4j.diffusion.ResidualBlock.call;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dgm4j.ops.GroupNorm;
import org.dgm4j.ops.Scalars;

/**
 * Single-head self-attention over the H·W positions of (B, C, H, W), residual:
 * x + proj(V softmax(QᵀK/√C)ᵀ) with Q, K, V from a 1×1 convolution of norm(x).
 */
public final class SelfAttention extends AbstractBlock {

    private final int channels;
    private final GroupNorm norm;
    private final Conv2d qkv;
    private final Conv2d projection;

    /** Attention over {@code channels} channels with {@code groups} GroupNorm groups (at most the width). */
    public SelfAttention(int channels, int groups) {
        this.channels = channels;
        norm = addChildBlock("norm", new GroupNorm(Math.min(groups, channels), channels));
        qkv = addChildBlock("qkv", ResidualBlock.conv(3 * channels, 1));
        projection = addChildBlock("proj", ResidualBlock.conv(channels, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long b = s.get(0);
        long n = s.get(2) * s.get(3);
        NDArray qkvs = call(qkv, store, call(norm, store, x, training), training).reshape(b, 3, channels, n);
        NDArray q = qkvs.get(new NDIndex(":, 0"));
        NDArray k = qkvs.get(new NDIndex(":, 1"));
        NDArray v = qkvs.get(new NDIndex(":, 2"));
        NDArray weights = Scalars.mul(q.transpose(0, 2, 1).matMul(k), 1.0 / Math.sqrt(channels)).softmax(2);
        NDArray attended = v.matMul(weights.transpose(0, 2, 1)).reshape(s);
        return new NDList(x.add(call(projection, store, attended, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        qkv.initialize(manager, dataType, inputShapes[0]);
        projection.initialize(manager, dataType, inputShapes[0]);
    }
}
