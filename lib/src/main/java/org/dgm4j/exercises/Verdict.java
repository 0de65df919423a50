package org.dgm4j.exercises;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one check: its exercise number (e.g. "02.1"), what was checked, the status, a
 * one-line message, a hint naming the probable mistake (failures only) and details such as the first
 * differing values.
 */
public record Verdict(String exercise, String title, Status status, String message, String hint, List<String> details) {

    /** Passed, not done yet (the skeleton is unfinished), or failed. */
    public enum Status {
        PASSED("✔ passed", "#1b7f3b", "#e9f7ee"),
        NOT_DONE("… not done yet", "#6b6b6b", "#f3f3f3"),
        FAILED("✘ not right yet", "#b3261e", "#fdecea");

        private final String label;
        private final String colour;
        private final String background;

        Status(String label, String colour, String background) {
            this.label = label;
            this.colour = colour;
            this.background = background;
        }

        /** The label shown, e.g. "✔ passed". */
        public String label() {
            return label;
        }
    }

    /** Checks the fields; details are copied. */
    public Verdict {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
        details = List.copyOf(details);
    }

    static Verdict passed(String exercise, String title, String message) {
        return new Verdict(exercise, title, Status.PASSED, message, "", List.of());
    }

    static Verdict notDone(String exercise, String title) {
        return new Verdict(exercise, title, Status.NOT_DONE,
                "complete the cell above (replace Exercise.todo() by your code), run it, then run this check again",
                "", List.of());
    }

    static Verdict failed(String exercise, String title, String message, String hint, List<String> details) {
        return new Verdict(exercise, title, Status.FAILED, message, hint, details);
    }

    /** Plain text, one line each for the verdict, the hint and every detail. */
    public String text() {
        StringBuilder s = new StringBuilder("Exercise " + exercise + " (" + title + "): " + status.label + " — " + message);
        if (!hint.isEmpty()) {
            s.append("\n  Hint: ").append(hint);
        }
        for (String d : details) {
            s.append("\n  ").append(d);
        }
        return s.toString();
    }

    /** The same as a small coloured box for a notebook. */
    public String html() {
        StringBuilder s = new StringBuilder("<div style=\"border-left:5px solid " + status.colour + ";background:"
                + status.background + ";padding:6px 10px;margin:4px 0;font-size:90%\">");
        s.append("<b style=\"color:").append(status.colour).append("\">Exercise ").append(escape(exercise))
                .append(" — ").append(status.label).append("</b> <span>(").append(escape(title)).append(")</span><br>")
                .append(escape(message));
        if (!hint.isEmpty()) {
            s.append("<br><b>Hint:</b> ").append(escape(hint));
        }
        if (!details.isEmpty()) {
            s.append("<ul style=\"margin:2px 0 0 0\">");
            for (String d : details) {
                s.append("<li><code>").append(escape(d)).append("</code></li>");
            }
            s.append("</ul>");
        }
        return s.append("</div>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
