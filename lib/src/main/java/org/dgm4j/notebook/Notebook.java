package org.dgm4j.notebook;

import java.awt.image.BufferedImage;
import tech.tablesaw.api.Table;

/**
 * Shows results in the notebook the code runs in, or on the console elsewhere. Inside an IJava 1.3.0
 * or JJava kernel, {@link #show} sends a rich output (PNG for images, HTML for tables) and
 * {@link #live} also returns a handle whose {@link DisplayHandle#update} replaces that output in place;
 * outside a kernel the same calls print text (see {@link ConsoleDisplay} for what happens to images).
 *
 * <pre>{@code
 * Notebook.show(image);                     // a BufferedImage -> image/png
 * Notebook.show(table);                     // a Tablesaw Table -> HTML
 * DisplayHandle h = Notebook.live("epoch 1/10");
 * h.update("epoch 2/10");                   // the same output, replaced in place
 * }</pre>
 * {@code show} returns nothing on purpose: a kernel echoes the value of a cell's last expression.
 */
public final class Notebook {

    private static volatile Display override;
    private static volatile Display kernel;
    private static volatile Display console;

    private Notebook() {}

    /** The display in use: the one set by {@link #use}, else the kernel's, else the console. */
    public static Display display() {
        Display d = override;
        if (d != null) {
            return d;
        }
        d = kernel;
        if (d != null) {
            return d;
        }
        d = KernelDisplay.find().orElse(null);
        if (d != null) {
            kernel = d;
            return d;
        }
        d = console;
        if (d == null) {
            d = ConsoleDisplay.standard();
            console = d;
        }
        return d;
    }

    /** Routes all output to {@code display} (for tests and tools); {@code null} restores detection. */
    public static void use(Display display) {
        override = display;
    }

    /** True when outputs reach a notebook (so in-place updates and images are visible). */
    public static boolean inNotebook() {
        return display().isNotebook();
    }

    /**
     * Shows a value: a {@link BufferedImage} as PNG, a {@link TableHtml} or a Tablesaw {@link Table} as HTML, a
     * {@link MimeBundle} as is, anything else as its {@code toString()} text.
     */
    public static void show(Object value) {
        display().show(bundle(value));
    }

    /** Shows a value as {@link #show} does and returns a handle to replace it in place later. */
    public static DisplayHandle live(Object value) {
        Display d = display();
        return new DisplayHandle(d, d.show(bundle(value)));
    }

    /** Shows an HTML fragment (its tags stripped on the console). */
    public static void showHtml(String html) {
        show(MimeBundle.html(html, stripTags(html)));
    }

    /** The MIME bundle {@link #show} sends for a value. */
    public static MimeBundle bundle(Object value) {
        if (value instanceof MimeBundle) {
            return (MimeBundle) value;
        }
        if (value instanceof BufferedImage) {
            return MimeBundle.png((BufferedImage) value);
        }
        if (value instanceof Table) {
            return TableHtml.of((Table) value).bundle();
        }
        if (value instanceof TableHtml) {
            return ((TableHtml) value).bundle();
        }
        return MimeBundle.text(String.valueOf(value));
    }

    static String stripTags(String html) {
        return html.replaceAll("(?i)<br\\s*/?>|</p>|</tr>|</h\\d>", "\n")
                .replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&")
                .strip();
    }
}
