package org.dgm4j.exercises;

/** Thrown by {@link Exercise#todo()}: the skeleton of an exercise has not been completed yet. */
public final class NotDone extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotDone() {
        super("exercise not done yet: replace Exercise.todo() by your code");
    }
}
