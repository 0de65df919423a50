package org.dgm4j.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stand-in with the base-kernel display protocol of IJava/JJava, recording what it is sent. */
public class FakeKernel {

    /** What the real kernels call DisplayData. */
    public static class DisplayData {
        public final Map<String, Object> data = new LinkedHashMap<>();
        public String displayId;

        public DisplayData() {}

        public void putData(String mime, Object value) {
            data.put(mime, value);
        }

        public void setDisplayId(String id) {
            displayId = id;
        }
    }

    /** The kernel's display stream. */
    public static class DisplayStream {
        public final List<String> updatedIds = new ArrayList<>();
        public final List<DisplayData> updates = new ArrayList<>();

        public void updateDisplay(String id, DisplayData data) {
            updatedIds.add(id);
            updates.add(data);
        }
    }

    /** The kernel's IO, with a public {@code display} field as in the real kernels. */
    public static class IO {
        public final DisplayStream display = new DisplayStream();
    }

    public final List<DisplayData> shown = new ArrayList<>();
    private final IO io = new IO();

    public void display(DisplayData data) {
        shown.add(data);
    }

    public IO getIO() {
        return io;
    }
}
