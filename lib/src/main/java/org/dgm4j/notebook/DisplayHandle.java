package org.dgm4j.notebook;

/** A shown output that can be replaced in place (a progress bar, a live loss plot). */
public final class DisplayHandle {

    private final Display display;
    private final String id;

    DisplayHandle(Display display, String id) {
        this.display = display;
        this.id = id;
    }

    /** The display id (a UUID in a notebook). */
    public String id() {
        return id;
    }

    /** Replaces the output with {@code value}, rendered as by {@link Notebook#show(Object)}; returns nothing so a
     * notebook cell ending in an update echoes nothing. */
    public void update(Object value) {
        display.update(id, Notebook.bundle(value));
    }

    @Override
    public String toString() {
        return "display " + id + " (" + display.name() + ")";
    }

    /** True when updates replace the output in place (in a notebook), false on the console. */
    public boolean inPlace() {
        return display.isNotebook();
    }
}
