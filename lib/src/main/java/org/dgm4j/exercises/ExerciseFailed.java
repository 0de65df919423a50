package org.dgm4j.exercises;

/** Thrown in strict mode ({@code DGM4J_EXERCISES=strict}) by a check that did not pass. */
public final class ExerciseFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ExerciseFailed(Verdict verdict) {
        super(verdict.text());
    }
}
