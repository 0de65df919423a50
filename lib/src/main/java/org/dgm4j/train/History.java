package org.dgm4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Per-epoch training record: for each epoch its wall-clock seconds and the mean of every loss term on
 * the training split ({@code train/total}, {@code train/recon}, ...) and, when validation data was
 * given, on the validation split ({@code val/...}). Means are weighted by batch size.
 */
public final class History {

    /** Split prefix of training metrics. */
    public static final String TRAIN = "train";
    /** Split prefix of validation metrics. */
    public static final String VALIDATION = "val";

    private final List<Map<String, Double>> epochs = new ArrayList<>();
    private final List<Double> seconds = new ArrayList<>();
    private boolean fromCache;

    /** Appends one epoch: {@code metrics} maps "split/term" to its mean. */
    public void add(Map<String, Double> metrics, double epochSeconds) {
        epochs.add(Collections.unmodifiableMap(new LinkedHashMap<>(metrics)));
        seconds.add(epochSeconds);
    }

    /** Number of epochs recorded. */
    public int size() {
        return epochs.size();
    }

    /** The metric names ("train/total", "val/kl", ...) in first-seen order. */
    public List<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Double> e : epochs) {
            names.addAll(e.keySet());
        }
        return List.copyOf(names);
    }

    /** The values of {@code metric} (e.g. {@code "val/total"}) per epoch; NaN where missing. */
    public double[] series(String metric) {
        double[] out = new double[epochs.size()];
        boolean found = false;
        for (int i = 0; i < out.length; i++) {
            Double v = epochs.get(i).get(metric);
            found |= v != null;
            out[i] = v == null ? Double.NaN : v;
        }
        if (!found && !epochs.isEmpty()) {
            throw new IllegalArgumentException("No metric '" + metric + "' in this history; known: " + metrics());
        }
        return out;
    }

    /** The value of {@code metric} in the last epoch. */
    public double last(String metric) {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("The history is empty");
        }
        double[] s = series(metric);
        return s[s.length - 1];
    }

    /** Seconds per epoch. */
    public double[] seconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** True when this history was read from a checkpoint instead of being produced by training. */
    public boolean fromCache() {
        return fromCache;
    }

    void markFromCache() {
        fromCache = true;
    }

    /** Columns {@code epoch}, {@code seconds}, then one double column per metric ("train/total", ...). */
    public Table table() {
        Table t = Table.create("Training history");
        IntColumn epoch = IntColumn.create("epoch");
        for (int i = 0; i < epochs.size(); i++) {
            epoch.append(i + 1);
        }
        t.addColumns(epoch, DoubleColumn.create("seconds", seconds().clone()));
        for (String m : metrics()) {
            t.addColumns(DoubleColumn.create(m, series(m)));
        }
        return t;
    }

    /** CSV text with the columns of {@link #table()}; doubles are written exactly (round-trip). */
    public String toCsv() {
        List<String> names = metrics();
        StringBuilder sb = new StringBuilder("epoch,seconds");
        for (String m : names) {
            sb.append(',').append(m);
        }
        sb.append('\n');
        for (int i = 0; i < epochs.size(); i++) {
            sb.append(i + 1).append(',').append(seconds.get(i));
            for (String m : names) {
                Double v = epochs.get(i).get(m);
                sb.append(',').append(v == null ? "" : Double.toString(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Parses {@link #toCsv()} output; throws IllegalArgumentException on malformed input. */
    public static History fromCsv(String csv) {
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("epoch,seconds")) {
            throw new IllegalArgumentException("Not a training history (header must start with 'epoch,seconds')");
        }
        String[] header = lines[0].split(",", -1);
        History h = new History();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            if (cells.length != header.length || Integer.parseInt(cells[0]) != i) {
                throw new IllegalArgumentException("Malformed history row " + i + ": '" + lines[i] + "'");
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 2; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    row.put(header[c], Double.parseDouble(cells[c]));
                }
            }
            h.add(row, Double.parseDouble(cells[1]));
        }
        return h;
    }

    /** One line summarising epoch {@code epoch} (1-based): every metric and the seconds. */
    public String describeEpoch(int epoch) {
        Map<String, Double> row = epochs.get(epoch - 1);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : row.entrySet()) {
            sb.append(sb.length() == 0 ? "" : "  ").append(e.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%.4g", e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "  (%.1f s)", seconds.get(epoch - 1)));
        return sb.toString();
    }

    @Override
    public String toString() {
        return table().print();
    }
}
