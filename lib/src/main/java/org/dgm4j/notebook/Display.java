package org.dgm4j.notebook;

/** Where displayed outputs go: a Jupyter kernel's output area, or the console. */
public interface Display {

    /** Shows a new output and returns its display id (for {@link #update}). */
    String show(MimeBundle bundle);

    /** Replaces, in place, the output shown under {@code id}. */
    void update(String id, MimeBundle bundle);

    /** A short name of this display, e.g. "IJava kernel" or "console". */
    String name();

    /** True when outputs reach a notebook front end (and updates replace them in place). */
    boolean isNotebook();
}
