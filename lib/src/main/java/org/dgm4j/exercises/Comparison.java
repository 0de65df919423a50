package org.dgm4j.exercises;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Judges one answer against a reference: passes when they agree within a tolerance; otherwise looks
 * for the typical mistake whose (wrong) values the answer reproduces and names it, else explains a
 * shape or non-finite mismatch, and lists the first differing values.
 */
final class Comparison {

    private static final int SHOWN = 3;

    private final String exercise;
    private final String title;
    private double rtol = 1e-4;
    private double atol = 1e-5;
    private final Map<String, Values> mistakes = new LinkedHashMap<>();
    private final Map<Class<? extends RuntimeException>, String> exceptionHints = new LinkedHashMap<>();
    private String nonFiniteHint = "your answer has NaN or ∞ where the reference is finite";
    private String unknownHint = "not one of the typical mistakes; compare your formula with the one in the lecture";

    Comparison(String exercise, String title) {
        this.exercise = exercise;
        this.title = title;
    }

    /** Entries agree when |answer − reference| ≤ atol + rtol·|reference|. */
    Comparison tolerance(double rtol, double atol) {
        this.rtol = rtol;
        this.atol = atol;
        return this;
    }

    /** A typical mistake: an answer equal to {@code wrong} gets {@code hint}. Checked in the order added. */
    Comparison mistake(String hint, Values wrong) {
        mistakes.put(hint, wrong);
        return this;
    }

    /**
     * The two batch mistakes of a loss computed per example: the result averaged ({@code mean}) or summed
     * ({@code mean} · {@code batch}) over the batch too; the hint asks for one value per {@code unit} summed over
     * {@code axes} only.
     */
    Comparison batchReduced(double mean, int batch, String unit, String axes) {
        String fix = "; return one value per " + unit + " (sum over " + axes + " only)";
        return mistake("you averaged over the batch too" + fix, Values.scalar(mean))
                .mistake("you summed over the batch too" + fix, Values.scalar(mean * batch));
    }

    /** The hint for an answer that throws {@code type} (e.g. an index out of bounds from a 1-based step). */
    Comparison onException(Class<? extends RuntimeException> type, String hint) {
        exceptionHints.put(type, hint);
        return this;
    }

    /** The hint for NaN or ∞ in an answer whose reference is finite (e.g. an unstable formula). */
    Comparison nonFinite(String hint) {
        nonFiniteHint = hint;
        return this;
    }

    /** The hint when no typical mistake matches. */
    Comparison otherwise(String hint) {
        unknownHint = hint;
        return this;
    }

    /**
     * Runs {@code answer} and judges it. {@link NotDone} or a null answer give "not done yet"; an
     * exception gives a failure naming it.
     */
    Verdict judge(Values reference, Supplier<Values> answer, String passMessage) {
        Values got;
        try {
            got = answer.get();
        } catch (NotDone e) {
            return Verdict.notDone(exercise, title);
        } catch (RuntimeException e) {
            String hint = String.valueOf(e.getMessage()).contains("Only 1 axis")
                    ? "the PyTorch engine reduces mean over one axis at a time: reshape to (B, −1) and take the mean of axis 1,"
                            + " or sum over the axes and divide by their size"
                    : "fix the error, then run this check again";
            for (var h : exceptionHints.entrySet()) {
                if (h.getKey().isInstance(e)) {
                    hint = h.getValue();
                }
            }
            return Verdict.failed(exercise, title, "your code threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), hint, List.of());
        }
        if (got == null) {
            return Verdict.notDone(exercise, title);
        }
        if (got.close(reference, rtol, atol)) {
            return Verdict.passed(exercise, title, passMessage);
        }
        String hint = null;
        for (var m : mistakes.entrySet()) {
            if (m.getValue() != null && got.close(m.getValue(), rtol, atol)) {
                hint = m.getKey();
                break;
            }
        }
        List<String> details = new ArrayList<>();
        if (!got.sameShape(reference)) {
            if (hint == null) {
                hint = "expected " + reference.shapeText() + ", got " + got.shapeText()
                        + "; check which axes you reduce over";
            }
            details.add("expected " + reference.shapeText() + ": " + reference.head(4));
            details.add("got " + got.shapeText() + ": " + got.head(4));
            return Verdict.failed(exercise, title, "the answer has the wrong shape", hint, details);
        }
        if (hint == null) {
            hint = !got.allFinite() && reference.allFinite() ? nonFiniteHint : unknownHint;
        }
        int shown = 0;
        int differing = 0;
        for (int i = 0; i < got.data().length; i++) {
            Values one = new Values(new long[0], new double[] {got.data()[i]});
            if (!one.close(new Values(new long[0], new double[] {reference.data()[i]}), rtol, atol)) {
                differing++;
                if (shown < SHOWN) {
                    details.add("at " + (got.index(i).isEmpty() ? "the value" : got.index(i)) + ": expected "
                            + Values.format(reference.data()[i]) + ", got " + Values.format(got.data()[i]));
                    shown++;
                }
            }
        }
        return Verdict.failed(exercise, title, differing + " of " + got.data().length
                + (got.data().length == 1 ? " value differs" : " values differ"), hint, details);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
