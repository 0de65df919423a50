package org.dgm4j.notebook;

import java.util.Locale;
import org.dgm4j.train.History;
import org.dgm4j.train.Progress;

/**
 * Progress in a notebook: one line per training run, replaced in place (at most twice a second) with
 * the epoch, step, throughput and running loss and a progress bar, and at the end with the run's final
 * figures, e.g. {@code mlp-z2  20 epochs  1200 s  train 145.2  val 146.3}. Nothing else is shown per
 * epoch; the history stays available from {@code Fit.run()} ({@link History#table()}).
 * {@code Course.setup()} makes it the default progress ({@link Progress#setDefault}) in a kernel.
 */
public final class NotebookProgress implements Progress {

    private static final long REDRAW_NANOS = 500_000_000L;

    private String title = "";
    private int epochs;
    private long stepsPerEpoch;
    private long lastDraw;
    private DisplayHandle line;
    private History history;

    @Override
    public void start(String title, int epochs, long stepsPerEpoch) {
        this.title = title;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        history = null;
        line = Notebook.live(running(0, 0, Double.NaN, Double.NaN));
    }

    @Override
    public void step(int epoch, long step, double imagesPerSecond, double runningLoss) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && step != stepsPerEpoch) {
            return;
        }
        lastDraw = now;
        line.update(running(epoch, step, imagesPerSecond, runningLoss));
    }

    @Override
    public void epoch(History history) {
        this.history = history;
    }

    @Override
    public void finish() {
        if (line != null) {
            String text = summary(title, epochs, history);
            line.update(MimeBundle.html("<div style=\"font-family:monospace\">" + escape(text) + "</div>", text));
        }
    }

    /** The final line: title, epochs, training seconds and the last epoch's total loss per split. */
    static String summary(String title, int epochs, History history) {
        int done = history == null ? 0 : history.size();
        StringBuilder sb = new StringBuilder(title).append("  ");
        String unit = epochs == 1 ? " epoch" : " epochs";
        sb.append(done == epochs ? done + unit : "stopped after " + done + " of " + epochs + unit);
        if (done > 0) {
            double seconds = 0;
            for (double s : history.seconds()) {
                seconds += s;
            }
            sb.append(String.format(Locale.ROOT, seconds < 10 ? "  %.1f s" : "  %.0f s", seconds));
            for (String split : new String[] {History.TRAIN, History.VALIDATION}) {
                String metric = split + "/total";
                if (history.metrics().contains(metric)) {
                    sb.append(String.format(Locale.ROOT, "  %s %.4g", split, history.last(metric)));
                }
            }
        }
        return sb.toString();
    }

    private MimeBundle running(int epoch, long step, double imagesPerSecond, double loss) {
        long total = Math.max(1, stepsPerEpoch * epochs);
        long done = epoch == 0 ? 0 : (epoch - 1) * stepsPerEpoch + step;
        String speed = Double.isNaN(imagesPerSecond) ? "" : String.format(Locale.ROOT, " · %.0f img/s", imagesPerSecond);
        String running = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, " · loss %.4g", loss);
        String status = String.format(Locale.ROOT, "%s — epoch %d/%d, step %d/%d%s%s", title, epoch, epochs, step,
                stepsPerEpoch, speed, running);
        String html = "<div style=\"font-family:monospace\"><progress value=\"" + done + "\" max=\"" + total
                + "\" style=\"width:12em;vertical-align:middle\"></progress> " + escape(status) + "</div>";
        return MimeBundle.html(html, status);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
