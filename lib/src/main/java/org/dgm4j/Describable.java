package org.dgm4j;

/**
 * Something that declares the settings that decide its results, for checkpoint keys: a training run is
 * cached only when its objective, its model's state and the listeners that change its weights describe
 * themselves. Two objects with the same description must give the same results.
 */
public interface Describable {

    /** A stable text naming every setting that decides results, e.g. {@code VaeObjective(beta=4.0, ...)}. */
    String describe();
}
