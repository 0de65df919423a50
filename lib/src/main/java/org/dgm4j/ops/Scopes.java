package org.dgm4j.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;

/**
 * Computations whose temporaries are freed when they return. DJL keeps every array an operation creates
 * in the manager of its first operand until that manager closes, so a network's forward pass run in a
 * long-lived manager keeps all its activations; run through {@link #keepResult} it keeps only its result
 * (autograd still holds what a backward pass needs).
 */
public final class Scopes {

    private Scopes() {}

    /**
     * Runs {@code body} in a sub-manager of the first input's manager with the inputs temporarily attached
     * to it (so what the body derives from them lands there) and returns the body's result attached to that
     * manager; every other array the body created is freed and the inputs go back to their own managers.
     */
    public static NDArray keepResult(Function<NDManager, NDArray> body, NDArray... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("keepResult needs at least one input array (its manager owns the result)");
        }
        NDManager caller = inputs[0].getManager();
        try (NDManager scope = caller.newSubManager()) {
            for (NDArray input : inputs) {
                input.tempAttach(scope);
            }
            NDArray result = body.apply(scope);
            result.attach(caller);
            return result;
        }
    }
}
