package org.dgm4j.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table for notebooks and slides, rendered as compact HTML: its columns are named once, each with
 * its rounding, and rows are added as values in column order. Numbers are right-aligned, text is
 * left-aligned, and a long table shows its first and last rows.
 *
 * <pre>{@code
 * TableHtml t = TableHtml.titled("Test set, nats per image")
 *         .text("model").integer("parameters").decimals("ELBO", 1).decimals("KL", 2);
 * for (Run r : runs) t.row(r.name(), r.parameters(), r.elbo(), r.kl());
 * Notebook.show(t);
 * }</pre>
 * A column declared with {@link #number} chooses its decimals from its values: settings, whose values
 * all have at most four decimals (β = 0.001, 4, 128), are written as given; measurements get three
 * significant digits of their smallest non-zero value, at most four decimals, the same for the whole
 * column. {@link #of(Table)} takes a Tablesaw table's columns that way, and {@link #decimals} on a
 * named column overrides the choice.
 */
public final class TableHtml {

    /** Rows shown before a long table is cut to its head and tail. */
    public static final int DEFAULT_MAX_ROWS = 40;

    private static final int AUTO = -1;
    private static final int MAX_AUTO_DECIMALS = 4;

    private enum Kind { TEXT, INTEGER, NUMBER }

    private static final class Col {
        final String name;
        Kind kind;
        int decimals;

        Col(String name, Kind kind, int decimals) {
            this.name = name;
            this.kind = kind;
            this.decimals = decimals;
        }
    }

    private final String title;
    private final List<Col> columns = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    private TableHtml(String title) {
        this.title = title == null ? "" : title;
    }

    /** An empty table with this caption; declare its columns, then add rows. */
    public static TableHtml titled(String title) {
        return new TableHtml(title);
    }

    /**
     * A Tablesaw table's name, columns and rows: whole-number columns as integers, other numeric
     * columns with decimals chosen from their values, everything else as text.
     */
    public static TableHtml of(Table table) {
        TableHtml t = new TableHtml(table.name());
        for (Column<?> c : table.columns()) {
            boolean numeric = c instanceof NumericColumn;
            boolean whole = c instanceof IntColumn || c instanceof LongColumn || c instanceof ShortColumn;
            t.columns.add(new Col(c.name(), !numeric ? Kind.TEXT : whole ? Kind.INTEGER : Kind.NUMBER, AUTO));
        }
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] row = new Object[table.columnCount()];
            for (int c = 0; c < row.length; c++) {
                Column<?> col = table.column(c);
                row[c] = col.isMissing(r) ? null : col.get(r);
            }
            t.rows.add(row);
        }
        return t;
    }

    /** Adds a text column (left-aligned; numbers in it are shown as {@code String.valueOf}). */
    public TableHtml text(String name) {
        return add(name, Kind.TEXT, 0);
    }

    /** Adds a column of whole numbers (rounded when a value is not whole; thousands grouped from 10,000). */
    public TableHtml integer(String name) {
        return add(name, Kind.INTEGER, 0);
    }

    /**
     * Adds a numeric column shown with exactly {@code digits} decimals, or sets the decimals of the
     * numeric column of that name that the table has already (e.g. from {@link #of(Table)}).
     */
    public TableHtml decimals(String name, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("table '" + title + "', column '" + name + "': digits must be >= 0, got "
                    + digits);
        }
        Col existing = find(name);
        if (existing == null) {
            return add(name, Kind.NUMBER, digits);
        }
        if (existing.kind == Kind.TEXT) {
            throw new IllegalArgumentException("table '" + title + "', column '" + name + "' holds text, not numbers");
        }
        existing.kind = Kind.NUMBER;
        existing.decimals = digits;
        return this;
    }

    /** Adds a numeric column whose decimals are chosen from its values (see the class comment). */
    public TableHtml number(String name) {
        return add(name, Kind.NUMBER, AUTO);
    }

    /** Adds one row, a value per column in the order declared; {@code null} shows as an empty cell. */
    public TableHtml row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("table '" + title + "': a row needs " + columns.size()
                    + " values (" + names() + "), got " + values.length);
        }
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v != null && columns.get(c).kind != Kind.TEXT && !(v instanceof Number)) {
                throw new IllegalArgumentException("table '" + title + "', column '" + columns.get(c).name
                        + "': a number is needed, got " + v.getClass().getSimpleName() + " " + v);
            }
        }
        rows.add(values.clone());
        return this;
    }

    /**
     * The rows as a Tablesaw table with the unrounded values, for queries (where, sort): text columns as
     * strings, integer columns as ints (longs when a value does not fit), numeric columns as doubles.
     */
    public Table table() {
        Table t = Table.create(title);
        for (int c = 0; c < columns.size(); c++) {
            final int index = c;
            Col col = columns.get(c);
            boolean ints = col.kind == Kind.INTEGER
                    && rows.stream().allMatch(r -> r[index] == null || fitsInt((Number) r[index]));
            Column<?> column = col.kind == Kind.TEXT ? StringColumn.create(col.name)
                    : col.kind == Kind.NUMBER ? DoubleColumn.create(col.name)
                    : ints ? IntColumn.create(col.name) : LongColumn.create(col.name);
            for (Object[] r : rows) {
                Object v = r[index];
                if (v == null) {
                    column.appendMissing();
                } else if (column instanceof StringColumn s) {
                    s.append(String.valueOf(v));
                } else if (column instanceof DoubleColumn d) {
                    d.append(((Number) v).doubleValue());
                } else if (column instanceof IntColumn i) {
                    i.append((int) Math.round(((Number) v).doubleValue()));
                } else {
                    ((LongColumn) column).append(Math.round(((Number) v).doubleValue()));
                }
            }
            t.addColumns(column);
        }
        return t;
    }

    private static boolean fitsInt(Number n) {
        double v = Math.rint(n.doubleValue());
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    /** The number of rows. */
    public int rowCount() {
        return rows.size();
    }

    /** The table as HTML, at most {@link #DEFAULT_MAX_ROWS} rows. */
    public String html() {
        return html(DEFAULT_MAX_ROWS);
    }

    /** The table as HTML; a table longer than {@code maxRows} shows its first and last rows. */
    public String html(int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be at least 2, got " + maxRows);
        }
        String[][] cells = cells();
        int n = rows.size();
        StringBuilder html = new StringBuilder(256 + n * 64);
        html.append("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:14px\">");
        html.append("<caption style=\"text-align:left;font-weight:bold;padding:4px\">").append(escape(title))
                .append(" <span style=\"font-weight:normal;color:#666\">(").append(n).append(n == 1 ? " row" : " rows")
                .append(" &times; ").append(columns.size()).append(" columns)</span></caption><thead><tr>");
        for (Col c : columns) {
            html.append("<th style=\"border-bottom:2px solid #444;padding:4px 10px;text-align:").append(align(c))
                    .append("\">").append(escape(c.name)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int head = n <= maxRows ? n : maxRows / 2;
        int tailStart = n <= maxRows ? n : n - (maxRows - head);
        for (int r = 0; r < head; r++) {
            htmlRow(html, cells[r]);
        }
        if (tailStart > head) {
            html.append("<tr><td colspan=\"").append(columns.size())
                    .append("\" style=\"text-align:center;color:#666\">&hellip; ").append(tailStart - head)
                    .append(" rows &hellip;</td></tr>");
            for (int r = tailStart; r < n; r++) {
                htmlRow(html, cells[r]);
            }
        }
        return html.append("</tbody></table>").toString();
    }

    /** The table as aligned plain text with the same rounding (the notebook's text alternative). */
    @Override
    public String toString() {
        String[][] cells = cells();
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).name.length();
            for (String[] row : cells) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder(title).append('\n');
        String[] header = columns.stream().map(c -> c.name).toArray(String[]::new);
        textRow(text, header, width);
        for (String[] row : cells) {
            textRow(text, row, width);
        }
        return text.toString().stripTrailing();
    }

    /** HTML with the plain-text rendering as the alternative. */
    public MimeBundle bundle() {
        return MimeBundle.html(html(), toString());
    }

    /** A Tablesaw table as HTML ({@link #of(Table)}), at most {@link #DEFAULT_MAX_ROWS} rows. */
    public static String render(Table table) {
        return of(table).html();
    }

    /** A Tablesaw table as HTML ({@link #of(Table)}); a table longer than {@code maxRows} is cut. */
    public static String render(Table table, int maxRows) {
        return of(table).html(maxRows);
    }

    /**
     * The decimals an automatic column uses: none when every value is whole, else enough for three
     * significant digits of its smallest non-zero magnitude, at most {@value #MAX_AUTO_DECIMALS}.
     */
    static int autoDecimals(double[] values) {
        double smallest = Double.POSITIVE_INFINITY;
        boolean whole = true;
        for (double v : values) {
            if (Double.isFinite(v) && v != 0) {
                smallest = Math.min(smallest, Math.abs(v));
                whole &= v == Math.rint(v);
            }
        }
        if (whole) {
            return 0;
        }
        int magnitude = (int) Math.floor(Math.log10(smallest));
        return Math.max(0, Math.min(MAX_AUTO_DECIMALS, 2 - magnitude));
    }

    /** A number with {@code digits} decimals; whole numbers of 10,000 and more with grouped thousands. */
    static String format(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
        }
        String s = digits == 0 && Math.abs(v) >= 10_000
                ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%." + digits + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    private TableHtml add(String name, Kind kind, int decimals) {
        if (find(name) != null) {
            throw new IllegalArgumentException("table '" + title + "' already has a column '" + name + "'");
        }
        if (!rows.isEmpty()) {
            throw new IllegalStateException("table '" + title + "': declare every column before the first row");
        }
        columns.add(new Col(name, kind, decimals));
        return this;
    }

    private Col find(String name) {
        return columns.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
    }

    private String names() {
        return String.join(", ", columns.stream().map(c -> c.name).toList());
    }

    private String[][] cells() {
        String[][] cells = new String[rows.size()][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            final int index = c;
            Col col = columns.get(c);
            double[] values = rows.stream().filter(r -> r[index] != null && col.kind != Kind.TEXT)
                    .mapToDouble(r -> ((Number) r[index]).doubleValue()).toArray();
            boolean settings = col.kind == Kind.NUMBER && col.decimals == AUTO && areSettings(values);
            int digits = col.kind == Kind.NUMBER && col.decimals == AUTO ? autoDecimals(values) : col.decimals;
            for (int r = 0; r < rows.size(); r++) {
                Object v = rows.get(r)[c];
                cells[r][c] = v == null ? ""
                        : col.kind == Kind.TEXT ? String.valueOf(v)
                        : settings ? shortest(((Number) v).doubleValue())
                        : format(((Number) v).doubleValue(), col.kind == Kind.INTEGER ? 0 : digits);
            }
        }
        return cells;
    }

    /** True when every value has at most four decimals, as settings (β = 0.001, 4, 128) have. */
    static boolean areSettings(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v) && Math.abs(v * 1e4 - Math.rint(v * 1e4)) > 1e-6 * Math.max(1, Math.abs(v * 1e4))) {
                return false;
            }
        }
        return values.length > 0;
    }

    /** A value with at most four decimals, written with as few as it needs (0.001, 4, 128). */
    static String shortest(double v) {
        return Double.isFinite(v) ? format(v, 4).replaceAll("\\.?0+$", "") : format(v, 0);
    }

    private static String align(Col c) {
        return c.kind == Kind.TEXT ? "left" : "right";
    }

    private void htmlRow(StringBuilder html, String[] cells) {
        html.append("<tr>");
        for (int c = 0; c < cells.length; c++) {
            html.append("<td style=\"border-bottom:1px solid #ddd;padding:4px 10px;text-align:")
                    .append(align(columns.get(c))).append("\">").append(escape(cells[c])).append("</td>");
        }
        html.append("</tr>");
    }

    private void textRow(StringBuilder text, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            String pad = " ".repeat(width[c] - cells[c].length());
            text.append(c == 0 ? "" : "  ").append(columns.get(c).kind == Kind.TEXT ? cells[c] + pad : pad + cells[c]);
        }
        text.append('\n');
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
