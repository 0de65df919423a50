package org.dgm4j.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Text progress. On a terminal ({@code inPlace}) one status line is rewritten with {@code \r} at most
 * a few times per second; in a log it prints one line per epoch (steps, images/s, every loss term)
 * and nothing per step.
 */
final class ConsoleProgress implements Progress {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final boolean inPlace;
    private int epochs;
    private long stepsPerEpoch;
    private long lastDraw;
    private boolean lineOpen;
    private long lastStep;
    private double lastSpeed;

    ConsoleProgress(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    @Override
    public void start(String title, int epochs, long stepsPerEpoch) {
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        out.println(title + ": " + epochs + " epochs x " + stepsPerEpoch + " steps");
    }

    @Override
    public void step(int epoch, long step, double imagesPerSecond, double runningLoss) {
        lastStep = step;
        lastSpeed = imagesPerSecond;
        if (!inPlace) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && step != stepsPerEpoch) {
            return;
        }
        lastDraw = now;
        out.print("\r" + statusLine(epoch, epochs, step, stepsPerEpoch, imagesPerSecond, runningLoss));
        out.flush();
        lineOpen = true;
    }

    @Override
    public void epoch(History history) {
        int e = history.size();
        if (lineOpen) {
            out.print("\r");
            lineOpen = false;
        }
        out.println(String.format(Locale.ROOT, "epoch %d/%d  %d steps  %.0f img/s  %s", e, epochs, lastStep, lastSpeed,
                history.describeEpoch(e)));
        out.flush();
    }

    @Override
    public void finish() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.flush();
    }

    /** A progress bar line: epoch, bar, step, images/s and running loss. */
    static String statusLine(int epoch, int epochs, long step, long steps, double imagesPerSecond, double loss) {
        int width = 24;
        int filled = steps == 0 ? width : (int) Math.min(width, width * step / steps);
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d  %.0f img/s  loss %.4g", epoch, epochs,
                "#".repeat(filled), ".".repeat(width - filled), step, steps, imagesPerSecond, loss);
    }
}
