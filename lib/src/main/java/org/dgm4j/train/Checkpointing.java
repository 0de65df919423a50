package org.dgm4j.train;

import java.util.Objects;

/** Saves a completed run's weights and history as a {@link Checkpoints} entry under its key. */
public final class Checkpointing implements TrainingListener {

    private final Checkpoints store;
    private final String name;
    private final String key;

    /** Saves into {@code store} as {@code name} with the full key text {@code key} (see {@link Fit#key()}). */
    public Checkpointing(Checkpoints store, String name, String key) {
        this.store = Objects.requireNonNull(store, "store");
        this.name = Objects.requireNonNull(name, "name");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public void onTrainingEnd(TrainingLoop loop) {
        if (loop.completed()) {
            store.save(name, key, loop.block(), loop.history());
        }
    }
}
