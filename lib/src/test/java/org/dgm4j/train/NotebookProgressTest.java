package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.notebook.Display;
import org.dgm4j.notebook.MimeBundle;
import org.dgm4j.notebook.Notebook;
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
    void inAKernelTheBarAndHistoryAreUpdatedInPlace() {
        RecordingDisplay display = new RecordingDisplay();
        Notebook.use(display);
        try (NDManager manager = Engines.newManager()) {
            TensorSource train = TensorSource.patterns(manager, 256, 1);
            TinyVae vae = new TinyVae(64, 16, 3);
            Fit.of(vae, vae.objective()).train(train).epochs(3).batchSize(64).seed(1).progress(Progress.auto()).run();
        } finally {
            Notebook.use(null);
        }
        // one progress bar, one history table and one loss plot are shown; everything else replaces them
        assertEquals(3, display.shown.size());
        assertTrue(display.shown.get(0).data().get(MimeBundle.HTML).contains("<progress"));
        assertTrue(display.shown.get(1).data().get(MimeBundle.HTML).contains("train/total"));
        assertTrue(display.shown.get(2).data().containsKey(MimeBundle.PNG), "the loss plot is an image");
        assertTrue(display.updatedIds.stream().allMatch(id -> List.of("id-1", "id-2", "id-3").contains(id)));
        assertEquals(2, display.updatedIds.stream().filter("id-2"::equals).count(), "table updated after epochs 2, 3");
        assertEquals(2, display.updatedIds.stream().filter("id-3"::equals).count(), "plot updated after epochs 2, 3");
        MimeBundle lastBar = display.updates.get(display.updatedIds.lastIndexOf("id-1"));
        assertTrue(lastBar.plainText().contains("epoch 3/3, step 4/4"), lastBar.plainText());
    }
}
