package org.dgm4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A notebook's data cell run again and again (as students do) must leave the live arrays flat: the
 * idiom every notebook uses, {@link Engines#cellManager}, frees the previous run's data; the plain
 * calls it replaces keep every run's data alive.
 */
@Tag("faults")
class DataCellRerunTest {

    /** Live arrays after each of three runs of {@code cell}. */
    private static int[] reruns(Runnable cell) {
        int[] live = new int[3];
        for (int i = 0; i < live.length; i++) {
            cell.run();
            live[i] = Engines.liveArrays();
        }
        return live;
    }

    @Test
    void thePlainCallsGrowOnEveryRun() {
        try (NDManager manager = Engines.newManager()) {
            int[] live = reruns(() -> Mnist.test(manager, 500, 0));
            assertTrue(live[2] > live[1] && live[1] > live[0], "the leak this idiom fixes: "
                    + java.util.Arrays.toString(live));
        }
    }

    @Test
    void theCellManagerIdiomIsFlatAndFreesThePreviousRun() {
        try (NDManager manager = Engines.newManager()) {
            ImageDataset[] last = new ImageDataset[1];
            Supplier<ImageDataset> cell = () -> {
                NDManager data = Engines.cellManager("data", manager);
                ImageDataset all = Mnist.test(data);            // notebook 00 and 07 keep a full set
                ImageDataset sample = all.subset(500, 0);
                Mnist.train(data, 300, 0);                      // 01-06: a subset, full set closed
                return sample;
            };
            int[] live = reruns(() -> last[0] = cell.get());
            assertEquals(live[0], live[1], java.util.Arrays.toString(live));
            assertEquals(live[0], live[2], java.util.Arrays.toString(live));
            ImageDataset previous = last[0];
            last[0] = cell.get();
            assertThrows(IllegalStateException.class, () -> previous.images().toByteArray(),
                    "the earlier run's data is freed");
            assertEquals(500, last[0].size());
            NDManager other = Engines.cellManager("other data", manager);
            Mnist.test(other, 100, 0);
            cell.get();
            assertEquals(live[0] + 2, Engines.liveArrays(), "another cell's data is kept");
        }
    }
}
