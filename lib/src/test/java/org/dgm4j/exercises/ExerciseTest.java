package org.dgm4j.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExerciseTest {

    private static final Values REFERENCE = Values.of(1, 2, 3);

    @AfterEach
    void lenient() {
        System.clearProperty(Exercise.MODE_PROPERTY);
    }

    private static Verdict judge(java.util.function.Supplier<Values> answer) {
        return new Comparison("99.1", "a test").mistake("doubled", Values.of(2, 4, 6)).judge(REFERENCE, answer, "fine");
    }

    @Test
    void todoAndNullAreNotDoneYet() {
        assertEquals(Verdict.Status.NOT_DONE, judge(Exercise::todo).status());
        assertEquals(Verdict.Status.NOT_DONE, judge(() -> null).status());
    }

    @Test
    void passesWithinTheToleranceAndNamesAMatchedMistake() {
        assertEquals(Verdict.Status.PASSED, judge(() -> Values.of(1, 2, 3.00001)).status());
        Verdict wrong = judge(() -> Values.of(2, 4, 6));
        assertEquals(Verdict.Status.FAILED, wrong.status());
        assertEquals("doubled", wrong.hint());
        assertEquals(List.of("at [0]: expected 1, got 2", "at [1]: expected 2, got 4", "at [2]: expected 3, got 6"),
                wrong.details());
    }

    @Test
    void explainsShapesNonFiniteValuesAndExceptions() {
        Verdict shape = judge(() -> Values.scalar(2));
        assertTrue(shape.hint().contains("expected shape (3), got one number"), shape.text());
        Verdict nan = judge(() -> Values.of(1, Double.NaN, 3));
        assertTrue(nan.hint().contains("NaN"), nan.text());
        assertEquals(List.of("at [1]: expected 2, got NaN"), nan.details());
        Verdict thrown = judge(() -> {
            throw new ArithmeticException("/ by zero");
        });
        assertEquals(Verdict.Status.FAILED, thrown.status());
        assertTrue(thrown.message().contains("ArithmeticException: / by zero"), thrown.text());
    }

    @Test
    void showsHtmlInANotebookAndNeverThrowsUnlessStrict() {
        Shown shown = Shown.by(() -> Exercise.report(judge(() -> Values.of(2, 4, 6))));
        assertTrue(shown.html.contains("<b>Hint:</b> doubled"), shown.html);
        assertTrue(shown.text.startsWith("Exercise 99.1 (a test): ✘ not right yet"), shown.text);
        Shown.by(() -> Exercise.report(judge(Exercise::todo))).notDone();
    }

    @Test
    void strictModeThrowsOnAnythingButAPass() {
        System.setProperty(Exercise.MODE_PROPERTY, "strict");
        assertTrue(Exercise.strict());
        assertThrows(ExerciseFailed.class, () -> Shown.by(() -> Exercise.report(judge(() -> Values.of(2, 4, 6)))));
        assertThrows(ExerciseFailed.class, () -> Shown.by(() -> Exercise.report(judge(Exercise::todo))));
        Shown.by(() -> Exercise.report(judge(() -> REFERENCE))).passed();
        System.setProperty(Exercise.MODE_PROPERTY, "lenient");
        assertFalse(Exercise.strict());
    }

    @Test
    void htmlIsEscaped() {
        Verdict v = Verdict.failed("1", "a < b", "x & y", "use <b>", List.of("\"q\""));
        assertFalse(v.html().contains("<b>use"), v.html());
        assertTrue(v.html().contains("a &lt; b") && v.html().contains("x &amp; y") && v.html().contains("&quot;q&quot;"));
    }
}
