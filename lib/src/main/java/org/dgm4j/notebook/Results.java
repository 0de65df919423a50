package org.dgm4j.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dgm4j.Profile;
import org.dgm4j.data.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A notebook's key figures, for the course results report ({@code environment/results}). A notebook
 * records each figure once, where it computes it:
 *
 * <pre>{@code
 * Results.record("07/ddpm/confident_share", report.confidentShare());
 * Results.record("02/mlp-z2/test_neg_elbo", elbo, "nats per image");
 * Results.show();   // the figures recorded so far, as a table
 * }</pre>
 *
 * <p>A key is the two-digit notebook number and one or more lower-case names separated by {@code /}
 * ({@code [a-z0-9][a-z0-9._-]*} each). Recording a key again replaces its value. When the environment
 * variable {@value #ENV} (or the system property {@value #PROPERTY}) names a file, as the notebook
 * runner does, every record rewrites that file atomically as JSON:
 * {@code {"format": 1, "profile": "quick", "figures": [{"key": ..., "value": ..., "note": ...}, ...]}},
 * in recording order, with {@code null} for a value that is not finite. Otherwise (a student's
 * JupyterLab) the figures are kept in memory only.
 */
public final class Results {

    /** Environment variable naming the JSON file the figures are written to. */
    public static final String ENV = "DGM4J_RESULTS";
    /** System property naming the JSON file (takes precedence over {@link #ENV}). */
    public static final String PROPERTY = "dgm4j.results";

    private static final Pattern KEY = Pattern.compile("[0-9]{2}(/[a-z0-9][a-z0-9._-]*)+");
    private static Results session;

    private final Path file;
    private final String profile;
    private final Map<String, Figure> figures = new LinkedHashMap<>();

    /** One recorded figure: its key, value and an optional short note (unit or description). */
    public record Figure(String key, double value, String note) {}

    Results(Path file, String profile) {
        this.file = file;
        this.profile = profile;
    }

    /** Records {@code value} under {@code key} (see the class comment for the key's form). */
    public static void record(String key, double value) {
        record(key, value, "");
    }

    /** Records {@code value} under {@code key} with a short note, e.g. its unit ("nats per image"). */
    public static void record(String key, double value, String note) {
        session().put(key, value, note);
    }

    /** The figures recorded in this session so far, in recording order. */
    public static List<Figure> figures() {
        return session().all();
    }

    /** The figures recorded so far as a table (key, value, note). */
    public static Table table() {
        return session().asTable();
    }

    /** Shows {@link #table()} in the notebook (as text elsewhere). */
    public static void show() {
        Notebook.show(table());
    }

    /** The file figures are written to, or null when they are kept in memory only. */
    public static Path file() {
        return session().file;
    }

    private static synchronized Results session() {
        if (session == null) {
            String configured = System.getProperty(PROPERTY);
            if (configured == null || configured.isBlank()) {
                configured = System.getenv(ENV);
            }
            Path path = configured == null || configured.isBlank() ? null : Paths.get(configured).toAbsolutePath();
            session = new Results(path, Profile.current().id());
        }
        return session;
    }

    /** Validates and stores one figure, then rewrites the file (when there is one). */
    synchronized void put(String key, double value, String note) {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Bad results key '" + key + "': use the two-digit notebook number"
                    + " and lower-case names separated by '/', each of a-z, 0-9, '.', '_' or '-', e.g."
                    + " \"07/ddpm/confident_share\" or \"02/mlp-z2/test_neg_elbo\".");
        }
        String text = note == null ? "" : note.strip();
        if (text.contains("\n") || text.length() > 120) {
            throw new IllegalArgumentException("The note of '" + key + "' must be one short line (at most 120"
                    + " characters), e.g. a unit such as \"nats per image\"; got " + text.length() + " characters.");
        }
        figures.put(key, new Figure(key, value, text));
        if (file != null) {
            write();
        }
    }

    synchronized List<Figure> all() {
        return List.copyOf(figures.values());
    }

    synchronized Table asTable() {
        List<Figure> all = new ArrayList<>(figures.values());
        return Table.create("Recorded figures (profile " + profile + ")",
                StringColumn.create("figure", all.stream().map(Figure::key)),
                DoubleColumn.create("value", all.stream().mapToDouble(Figure::value)),
                StringColumn.create("note", all.stream().map(Figure::note)));
    }

    /** The JSON document of every figure recorded so far. */
    synchronized String toJson() {
        StringBuilder sb = new StringBuilder("{\n  \"format\": 1,\n  \"profile\": ").append(quote(profile))
                .append(",\n  \"figures\": [");
        String sep = "\n";
        for (Figure f : figures.values()) {
            sb.append(sep).append("    {\"key\": ").append(quote(f.key())).append(", \"value\": ")
                    .append(Double.isFinite(f.value()) ? number(f.value()) : "null")
                    .append(", \"note\": ").append(quote(f.note())).append('}');
            sep = ",\n";
        }
        return sb.append(figures.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private void write() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results file " + file + " (set by " + ENV + "): "
                    + e.getMessage() + ". Unset " + ENV + " to keep the figures in memory only.", e);
        }
    }

    /** Shortest decimal that reads back as the same double. */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return Double.toString(v);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
