package org.dgm4j.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;

/**
 * Adam (Kingma and Ba 2015) over a fixed list of weights:
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)}. The update also zeroes the weights'
 * gradients.
 *
 * <p>On the CPU, with float32 weights, one step is a single pass over all parameters: the moments live
 * in two flat Java arrays, and the loop reads each gradient and writes each weight in place through the
 * engine's direct view of the tensor's memory, with no temporary tensors (about a quarter of the time of
 * the engine's per-tensor Adam kernel on an MLP VAE's weights, see {@code AdamBench}). Elsewhere (a GPU,
 * other data types) each weight gets the engine's fused in-place update, with the moments in this
 * optimiser's own manager; close it to free them.
 */
public final class Adam implements AutoCloseable {

    private final List<NDArray> weights;
    private final NDManager manager;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    /** The weights' memory, when every weight can be written in place from Java; else null. */
    private final FloatBuffer[] views;
    private final int[] offsets;
    private final float[] means;
    private final float[] variances;
    private final List<NDArray> engineMeans = new ArrayList<>();
    private final List<NDArray> engineVariances = new ArrayList<>();
    private long t;

    /** Adam for {@code weights} with the given moment decay rates and epsilon. */
    public Adam(List<NDArray> weights, double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0; got beta1="
                    + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon);
        }
        this.weights = List.copyOf(weights);
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.manager = Engines.newManager();
        views = inPlaceViews(this.weights);
        offsets = new int[this.weights.size() + 1];
        if (views != null) {
            long total = 0;
            for (int i = 0; i < views.length; i++) {
                total += views[i].capacity();
                if (total > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("Adam's CPU path holds at most 2^31 - 1 parameters, got more");
                }
                offsets[i + 1] = (int) total;
            }
            means = new float[(int) total];
            variances = new float[(int) total];
        } else {
            means = null;
            variances = null;
            for (NDArray w : this.weights) {
                engineMeans.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
                engineVariances.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            }
        }
    }

    /** Adam with the usual defaults beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8. */
    public Adam(List<NDArray> weights) {
        this(weights, 0.9, 0.999, 1e-8);
    }

    /**
     * One update of every weight with learning rate {@code lr} from {@code gradients} (same order and
     * sizes as the weights).
     */
    public void step(List<NDArray> gradients, double lr) {
        if (gradients.size() != weights.size()) {
            throw new IllegalArgumentException("Expected " + weights.size() + " gradients, got " + gradients.size());
        }
        for (int i = 0; i < gradients.size(); i++) {
            if (gradients.get(i).size() != weights.get(i).size()) {
                throw new IllegalArgumentException("gradient " + i + " has shape " + gradients.get(i).getShape()
                        + ", its weight " + weights.get(i).getShape());
            }
            if (views != null && gradients.get(i).getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("gradient " + i + " is " + gradients.get(i).getDataType()
                        + ", its weight float32; pass the weights' own gradients");
            }
        }
        t++;
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        if (views != null) {
            stepInPlace(gradients, corrected);
        } else {
            for (int i = 0; i < weights.size(); i++) {
                NDArray w = weights.get(i);
                NDList inputs = new NDList(w, gradients.get(i), engineMeans.get(i), engineVariances.get(i));
                w.getNDArrayInternal().adamUpdate(inputs, new NDList(w), (float) lr, corrected, 0f, 1f, -1f,
                        beta1, beta2, epsilon, false, false);
            }
        }
    }

    /** The single pass over all parameters, then the gradients zeroed. */
    private void stepInPlace(List<NDArray> gradients, float corrected) {
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        float eps = epsilon;
        for (int i = 0; i < views.length; i++) {
            NDArray g = gradients.get(i);
            FloatBuffer grad = g.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
            FloatBuffer w = views[i];
            int base = offsets[i];
            int n = w.capacity();
            for (int k = 0; k < n; k++) {
                float gk = grad.get(k);
                float m = flushSubnormal(b1 * means[base + k] + c1 * gk);
                float v = flushSubnormal(b2 * variances[base + k] + c2 * gk * gk);
                means[base + k] = m;
                variances[base + k] = v;
                w.put(k, w.get(k) - corrected * m / ((float) Math.sqrt(v) + eps));
            }
        }
        for (NDArray w : weights) {
            if (w.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) w);
            }
        }
    }

    /**
     * 0 for a subnormal value (|x| below {@link Float#MIN_NORMAL}), else x. A moment that decays towards 0
     * (a weight whose gradient stops, such as one fed by MNIST's blank border pixels) turns subnormal about
     * 700 steps later, and arithmetic on subnormal floats is many times slower on x86: without this, the
     * dense VAE's epochs took 2.5x longer from the fourth on.
     */
    static float flushSubnormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    /**
     * Views of the weights' memory that Java can write in place (float32 on the CPU, with a direct
     * buffer that writes through to the tensor, checked once per weight), or null when any weight has
     * none.
     */
    private static FloatBuffer[] inPlaceViews(List<NDArray> weights) {
        FloatBuffer[] out = new FloatBuffer[weights.size()];
        for (int i = 0; i < out.length; i++) {
            NDArray w = weights.get(i);
            if (w.getDataType() != DataType.FLOAT32 || !w.getDevice().equals(Device.cpu())
                    || !(w instanceof PtNDArray) || w.size() == 0) {
                return null;
            }
            ByteBuffer bytes = w.toByteBuffer(true);
            if (!bytes.isDirect()) {
                return null;
            }
            FloatBuffer view = bytes.order(ByteOrder.nativeOrder()).asFloatBuffer();
            if (view.capacity() != w.size() || !writesThrough(w, view)) {
                return null;
            }
            out[i] = view;
        }
        return out;
    }

    /** True when a write to {@code view} changes {@code w} (the view is the tensor's memory, not a copy). */
    private static boolean writesThrough(NDArray w, FloatBuffer view) {
        float old = view.get(0);
        float probe = old == 1f ? 2f : 1f;
        view.put(0, probe);
        boolean same;
        try (NDArray flat = w.flatten(); NDArray first = flat.get(0)) {
            same = first.getFloat() == probe;
        }
        view.put(0, old);
        return same;
    }

    /** The first moment m of parameter {@code k} of the flattened weights (CPU path). */
    float firstMoment(int k) {
        return means[k];
    }

    /** True when steps run as the single Java pass over the weights' memory (the CPU path). */
    boolean updatesInPlace() {
        return views != null;
    }

    /** Number of updates made so far. */
    public long steps() {
        return t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
