package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A behaviour added to training without touching the loop: an action every n epochs. */
class EveryEpochsTest extends CountingFits {

    @Test
    void runsEveryNEpochsAndAfterTheLastWithTheTrainedBlock() {
        TinyVae vae = new TinyVae(64, 16, 3);
        List<Integer> epochs = new ArrayList<>();
        List<Integer> finished = new ArrayList<>();
        History h = countingFit(vae).epochs(5).listener(EveryEpochs.of(2, (epoch, block) -> {
            assertSame(vae, block);
            epochs.add(epoch);
        })).listener(new TrainingListener() {
            @Override
            public void onEpoch(TrainingLoop loop) {
                finished.add(loop.history().size());
            }
        }).run();
        assertEquals(List.of(2, 4, 5), epochs);
        assertEquals(List.of(1, 2, 3, 4, 5), finished);
        assertEquals(5, h.size());
    }

    @Test
    void anObserverDoesNotEnterTheCheckpointKey() {
        TinyVae vae = new TinyVae(64, 16, 3);
        String plain = countingFit(vae).cache("v").key();
        assertEquals(plain, countingFit(vae).cache("v").listener(EveryEpochs.of(1, (epoch, block) -> { })).key());
        assertThrows(IllegalArgumentException.class, () -> EveryEpochs.of(0, (epoch, block) -> { }));
    }
}
