package org.dgm4j.data;

/**
 * A data set file is missing, corrupt or inconsistent. The message names the file, says what is wrong
 * and how to fix it.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a complete, user-facing message. */
    public DataException(String message) {
        super(message);
    }

    /** An error with a complete, user-facing message and the low-level cause. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
