package org.dgm4j.train;

import java.util.Locale;
import java.util.function.Function;
import org.dgm4j.notebook.DisplayHandle;
import org.dgm4j.notebook.MimeBundle;
import org.dgm4j.notebook.Notebook;

/**
 * Progress in a notebook: an HTML progress bar replaced in place (at most twice a second), a history
 * table and, when a chart renderer is given, a loss plot, both replaced after every epoch.
 */
final class NotebookProgress implements Progress {

    private static final long REDRAW_NANOS = 500_000_000L;

    private final Function<History, Object> chart;
    private String title = "";
    private int epochs;
    private long stepsPerEpoch;
    private long lastDraw;
    private DisplayHandle bar;
    private DisplayHandle table;
    private DisplayHandle plot;
    private String lastStatus = "";

    /** {@code chart} renders the history (e.g. a loss-curve image); null shows no plot. */
    NotebookProgress(Function<History, Object> chart) {
        this.chart = chart;
    }

    @Override
    public void start(String title, int epochs, long stepsPerEpoch) {
        this.title = title;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        lastStatus = "starting";
        bar = Notebook.live(render(0, 0, 0, 0, Double.NaN));
    }

    @Override
    public void step(int epoch, long step, double imagesPerSecond, double runningLoss) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && step != stepsPerEpoch) {
            return;
        }
        lastDraw = now;
        bar.update(render(epoch, step, (epoch - 1) * stepsPerEpoch + step, imagesPerSecond, runningLoss));
    }

    @Override
    public void epoch(History history) {
        int e = history.size();
        lastStatus = "epoch " + e + ": " + history.describeEpoch(e);
        bar.update(render(e, stepsPerEpoch, e * stepsPerEpoch, Double.NaN, Double.NaN));
        if (table == null) {
            table = Notebook.live(history.table());
        } else {
            table.update(history.table());
        }
        if (chart != null) {
            Object figure = chart.apply(history);
            if (plot == null) {
                plot = Notebook.live(figure);
            } else {
                plot.update(figure);
            }
        }
    }

    private MimeBundle render(int epoch, long step, long done, double imagesPerSecond, double loss) {
        long total = Math.max(1, stepsPerEpoch * epochs);
        String speed = Double.isNaN(imagesPerSecond) ? "" : String.format(Locale.ROOT, " · %.0f img/s", imagesPerSecond);
        String running = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, " · loss %.4g", loss);
        String status = String.format(Locale.ROOT, "%s — epoch %d/%d, step %d/%d%s%s", title, epoch, epochs, step,
                stepsPerEpoch, speed, running);
        String html = "<div style=\"font-family:monospace\">" + escape(status) + "<br><progress value=\"" + done
                + "\" max=\"" + total + "\" style=\"width:40em\"></progress><br>" + escape(lastStatus) + "</div>";
        return MimeBundle.html(html, status);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
