package org.dgm4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dgm4j.train.History;
import org.dgm4j.train.Progress;
import org.junit.jupiter.api.Test;

class NotebookProgressTest {

    /** Records shows and in-place updates as a kernel would receive them. */
    static final class RecordingDisplay implements Display {
        final List<MimeBundle> shown = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        final List<MimeBundle> updates = new ArrayList<>();

        @Override
        public String show(MimeBundle bundle) {
            shown.add(bundle);
            return "id-" + shown.size();
        }

        @Override
        public void update(String id, MimeBundle bundle) {
            updatedIds.add(id);
            updates.add(bundle);
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public boolean isNotebook() {
            return true;
        }
    }

    @Test
    void inAKernelEachRunIsOneLineUpdatedInPlaceEndingWithItsFinalFigures() {
        RecordingDisplay display = new RecordingDisplay();
        Notebook.use(display);
        History h = new History();
        try {
            Progress progress = new NotebookProgress();
            progress.start("TinyVae", 3, 4);
            for (int epoch = 1; epoch <= 3; epoch++) {
                for (int step = 1; step <= 4; step++) {
                    progress.step(epoch, step, 1000, 90.0 - epoch);
                }
                h.add(java.util.Map.of("train/total", 90.0 - epoch, "val/total", 91.0 - epoch), 1.5);
                progress.epoch(h);
            }
            progress.finish();
        } finally {
            Notebook.use(null);
        }
        assertEquals(1, display.shown.size(), "one output per run: no history table, no plot");
        assertTrue(display.shown.get(0).data().get(MimeBundle.HTML).contains("<progress"));
        assertTrue(display.updatedIds.stream().allMatch("id-1"::equals), display.updatedIds.toString());
        assertTrue(display.updates.stream().noneMatch(b -> b.data().containsKey(MimeBundle.PNG)));
        assertTrue(display.updates.get(display.updates.size() - 2).plainText().contains("epoch 3/3, step 4/4"),
                display.updates.toString());
        String last = display.updates.get(display.updates.size() - 1).plainText();
        assertTrue(last.matches("TinyVae  3 epochs  \\d+\\.\\d s  train \\S+  val \\S+"), last);
        assertTrue(last.contains(String.format(java.util.Locale.ROOT, "train %.4g  val %.4g", h.last("train/total"),
                h.last("val/total"))), last);
        assertEquals(3, h.table().rowCount(), "the history stays available on request");
    }

    @Test
    void theFinalLineSaysWhenARunStoppedEarly() {
        History h = new History();
        h.add(java.util.Map.of("train/total", 150.21), 12.4);
        assertEquals("mlp-z2  stopped after 1 of 20 epochs  12 s  train 150.2", NotebookProgress.summary("mlp-z2", 20, h));
        assertEquals("mlp-z2  stopped after 0 of 20 epochs", NotebookProgress.summary("mlp-z2", 20, null));
        assertEquals("mlp-z2  1 epoch  12 s  train 150.2", NotebookProgress.summary("mlp-z2", 1, h));
    }
}
