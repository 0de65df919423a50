package org.dgm4j.train;

import java.util.Objects;
import org.dgm4j.loss.LossTerms;

/** Feeds a {@link Progress}: throughput and running loss after each step, the history after each epoch. */
public final class ProgressDisplay implements TrainingListener {

    private final Progress progress;
    private final String title;
    private long started;
    private long images;
    private double lossSum;

    /** Shows the run as {@code title} on {@code progress}. */
    public ProgressDisplay(Progress progress, String title) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.title = title;
    }

    @Override
    public void onTrainingBegin(TrainingLoop loop) {
        progress.start(title, loop.config().epochs(), loop.stepsPerEpoch());
    }

    @Override
    public void onTrainingBatch(TrainingLoop loop, Step step) {
        if (step.index() == 1) {
            started = System.nanoTime();
            images = 0;
            lossSum = 0;
        }
        images += step.images();
        lossSum += step.values().get(LossTerms.TOTAL) * step.images();
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
        progress.step(step.epoch(), step.index(), images / seconds, lossSum / images);
    }

    @Override
    public void onEpoch(TrainingLoop loop) {
        progress.epoch(loop.history());
    }

    @Override
    public void onTrainingEnd(TrainingLoop loop) {
        progress.finish();
    }
}
