package org.dgm4j.train;

/** Thrown when a loss term becomes NaN or infinite; the message names the epoch, step and term. */
public final class NonFiniteLossException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final String term;

    /** A non-finite {@code value} of {@code term} at {@code step} (1-based) of {@code epoch} (1-based). */
    public NonFiniteLossException(String split, int epoch, long step, String term, double value) {
        super("Loss term '" + term + "' is " + value + " at epoch " + epoch + ", " + split + " step " + step
                + ". Training stopped; lower the learning rate, enable gradient clipping or check the"
                + " objective for log(0) / division by zero.");
        this.epoch = epoch;
        this.step = step;
        this.term = term;
    }

    /** The epoch (1-based) in which the loss went non-finite. */
    public int epoch() {
        return epoch;
    }

    /** The step within the epoch (1-based). */
    public long step() {
        return step;
    }

    /** The name of the offending term ({@code total} or a component). */
    public String term() {
        return term;
    }
}
