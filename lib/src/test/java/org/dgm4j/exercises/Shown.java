package org.dgm4j.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgm4j.notebook.Display;
import org.dgm4j.notebook.MimeBundle;
import org.dgm4j.notebook.Notebook;

/** Runs a check with a recording display and returns what it showed, with assertions on the verdict. */
final class Shown {

    final String text;
    final String html;

    private Shown(MimeBundle bundle) {
        this.text = bundle.plainText();
        this.html = bundle.data().get(MimeBundle.HTML);
    }

    /** What {@code check} showed (exactly one output expected). */
    static Shown by(Runnable check) {
        List<MimeBundle> shown = new ArrayList<>();
        Notebook.use(new Display() {
            @Override
            public String show(MimeBundle bundle) {
                shown.add(bundle);
                return "id-" + shown.size();
            }

            @Override
            public void update(String id, MimeBundle bundle) {
                throw new AssertionError("a check never updates an output");
            }

            @Override
            public String name() {
                return "recording";
            }

            @Override
            public boolean isNotebook() {
                return true;
            }
        });
        boolean lenient = System.getProperty(Exercise.MODE_PROPERTY) == null; // a strict environment must not leak in
        if (lenient) {
            System.setProperty(Exercise.MODE_PROPERTY, "lenient");
        }
        try {
            check.run();
        } finally {
            Notebook.use(null);
            if (lenient) {
                System.clearProperty(Exercise.MODE_PROPERTY);
            }
        }
        if (shown.size() != 1) {
            throw new AssertionError("expected one output, got " + shown.size());
        }
        return new Shown(shown.get(0));
    }

    Shown passed() {
        assertTrue(text.contains(Verdict.Status.PASSED.label()), () -> "expected a pass, got:\n" + text);
        return this;
    }

    Shown notDone() {
        assertTrue(text.contains(Verdict.Status.NOT_DONE.label()), () -> "expected 'not done yet', got:\n" + text);
        return this;
    }

    /** A failure whose hint contains {@code hint}. */
    Shown failedWith(String hint) {
        assertTrue(text.contains(Verdict.Status.FAILED.label()), () -> "expected a failure, got:\n" + text);
        String hintLine = text.lines().filter(l -> l.strip().startsWith("Hint:")).findFirst().orElse("");
        assertTrue(hintLine.contains(hint), () -> "expected the hint to contain '" + hint + "', got:\n" + text);
        return this;
    }

    Shown contains(String fragment) {
        assertTrue(text.contains(fragment), () -> "expected '" + fragment + "' in:\n" + text);
        return this;
    }
}
