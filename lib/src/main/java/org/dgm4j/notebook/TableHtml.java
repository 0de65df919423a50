package org.dgm4j.notebook;

import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as a compact HTML table for notebooks and slides: a caption with the
 * table's name and shape, right-aligned numbers with four significant digits, and only the first and
 * last rows of long tables.
 */
public final class TableHtml {

    /** Rows shown before a long table is cut to its head and tail. */
    public static final int DEFAULT_MAX_ROWS = 40;

    private TableHtml() {}

    /** The table as HTML, at most {@link #DEFAULT_MAX_ROWS} rows. */
    public static String render(Table table) {
        return render(table, DEFAULT_MAX_ROWS);
    }

    /** The table as HTML; tables longer than {@code maxRows} show their first and last rows. */
    public static String render(Table table, int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be at least 2, got " + maxRows);
        }
        int rows = table.rowCount();
        StringBuilder html = new StringBuilder(256 + rows * 64);
        html.append("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:14px\">");
        html.append("<caption style=\"text-align:left;font-weight:bold;padding:4px\">")
                .append(escape(table.name() == null ? "" : table.name()))
                .append(" <span style=\"font-weight:normal;color:#666\">(")
                .append(rows).append(" rows &times; ").append(table.columnCount()).append(" columns)</span>")
                .append("</caption><thead><tr>");
        for (Column<?> c : table.columns()) {
            html.append("<th style=\"border-bottom:2px solid #444;padding:4px 10px;text-align:")
                    .append(isNumeric(c) ? "right" : "left").append("\">")
                    .append(escape(c.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int head = rows <= maxRows ? rows : maxRows / 2;
        int tailStart = rows <= maxRows ? rows : rows - (maxRows - head);
        for (int r = 0; r < head; r++) {
            row(html, table, r);
        }
        if (tailStart > head) {
            html.append("<tr><td colspan=\"").append(table.columnCount())
                    .append("\" style=\"text-align:center;color:#666\">&hellip; ")
                    .append(tailStart - head).append(" rows &hellip;</td></tr>");
            for (int r = tailStart; r < rows; r++) {
                row(html, table, r);
            }
        }
        return html.append("</tbody></table>").toString();
    }

    /** HTML with Tablesaw's own text rendering as the plain-text alternative. */
    public static MimeBundle bundle(Table table) {
        return MimeBundle.html(render(table), table.print(DEFAULT_MAX_ROWS));
    }

    /** One cell as text: numbers with four significant digits, missing values empty. */
    public static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        Object v = column.get(row);
        if (v instanceof Double || v instanceof Float) {
            return formatNumber(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    /** A number with four significant digits, in scientific notation when very small or large. */
    public static String formatNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    private static void row(StringBuilder html, Table table, int r) {
        html.append("<tr>");
        for (Column<?> c : table.columns()) {
            html.append("<td style=\"border-bottom:1px solid #ddd;padding:4px 10px;text-align:")
                    .append(isNumeric(c) ? "right" : "left").append("\">")
                    .append(escape(cell(c, r))).append("</td>");
        }
        html.append("</tr>");
    }

    private static boolean isNumeric(Column<?> c) {
        return c instanceof tech.tablesaw.api.NumericColumn;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
