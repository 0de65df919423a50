package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value an objective minimises ({@link #total()}) together with its named components (for example
 * {@code recon}, {@code kl}, {@code reg}), each a scalar NDArray averaged over the batch. The training
 * loop differentiates the total, logs every component and stops on NaN/Inf naming the bad term.
 */
public final class LossTerms {

    /** Name of the total in {@link #scalars()} and in training histories. */
    public static final String TOTAL = "total";

    private final NDArray total;
    private final Map<String, NDArray> components;

    private LossTerms(NDArray total, Map<String, NDArray> components) {
        this.total = total;
        this.components = Collections.unmodifiableMap(components);
    }

    /** A loss with no components besides its total. */
    public static LossTerms of(NDArray total) {
        return new LossTerms(total, new LinkedHashMap<>());
    }

    /** A copy of this loss with one more named component (a scalar NDArray). */
    public LossTerms with(String name, NDArray value) {
        if (TOTAL.equals(name)) {
            throw new IllegalArgumentException("'" + TOTAL + "' is reserved for the total");
        }
        Map<String, NDArray> copy = new LinkedHashMap<>(components);
        copy.put(name, value);
        return new LossTerms(total, copy);
    }

    /** The scalar that is minimised. */
    public NDArray total() {
        return total;
    }

    /** Named components, in insertion order (the total is not among them). */
    public Map<String, NDArray> components() {
        return components;
    }

    /** Total and components as Java doubles, total first; copies values from native memory. */
    public Map<String, Double> scalars() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(TOTAL, (double) total.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat());
        for (Map.Entry<String, NDArray> e : components.entrySet()) {
            out.put(e.getKey(), (double) e.getValue().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat());
        }
        return out;
    }
}
