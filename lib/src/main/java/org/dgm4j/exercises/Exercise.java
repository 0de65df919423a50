package org.dgm4j.exercises;

import java.util.Locale;
import org.dgm4j.notebook.MimeBundle;
import org.dgm4j.notebook.Notebook;

/**
 * What every exercise shares: the placeholder a skeleton returns until it is completed
 * ({@link #todo()}), and the reporting of a check's verdict (HTML in a notebook, text on a console).
 */
public final class Exercise {

    /** Environment variable: {@code strict} makes a check that does not pass throw (CI runs the solutions so). */
    public static final String MODE_ENV = "DGM4J_EXERCISES";
    /** System property with the same meaning as {@link #MODE_ENV} (takes precedence). */
    public static final String MODE_PROPERTY = "dgm4j.exercises";

    private Exercise() {}

    /**
     * The body of an unfinished skeleton, e.g. {@code return Exercise.todo();}: it throws {@link NotDone},
     * which a check reports as "not done yet" without failing the notebook run.
     */
    public static <T> T todo() {
        throw new NotDone();
    }

    /** True when checks that do not pass must throw ({@link #MODE_PROPERTY} or {@link #MODE_ENV} is "strict"). */
    public static boolean strict() {
        String mode = System.getProperty(MODE_PROPERTY);
        if (mode == null || mode.isBlank()) {
            mode = System.getenv(MODE_ENV);
        }
        return mode != null && mode.strip().toLowerCase(Locale.ROOT).equals("strict");
    }

    /** Shows {@code verdict}; in {@linkplain #strict() strict} mode throws {@link ExerciseFailed} unless it passed. */
    public static void report(Verdict verdict) {
        Notebook.show(MimeBundle.html(verdict.html(), verdict.text()));
        if (verdict.status() != Verdict.Status.PASSED && strict()) {
            throw new ExerciseFailed(verdict);
        }
    }
}
