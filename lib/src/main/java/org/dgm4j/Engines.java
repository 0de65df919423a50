package org.dgm4j;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one door to the DJL engine. Loading this class puts DJL in offline mode and opts out of its
 * telemetry <em>before</em> the engine loads, so no code path of the library (or of a notebook that
 * uses it) ever reaches for the network. Library classes that create managers go through here.
 */
public final class Engines {

    /** System property that keeps DJL from downloading anything. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** Property (or environment variable) that turns DJL's start-up telemetry off. */
    public static final String TRACKING_PROPERTY = "OPT_OUT_TRACKING";

    static {
        goOffline();
    }

    private static final Map<String, NDManager> CELLS = new ConcurrentHashMap<>();

    private Engines() {}

    /**
     * Sets the offline and telemetry opt-out properties. Idempotent; called by this class's static
     * initializer, so merely touching {@code Engines} is enough.
     */
    public static void goOffline() {
        System.setProperty(OFFLINE_PROPERTY, "true");
        System.setProperty(TRACKING_PROPERTY, "true");
    }

    /** True when both properties that keep DJL off the network are set. */
    public static boolean isOffline() {
        return "true".equals(System.getProperty(OFFLINE_PROPERTY))
                && "true".equals(System.getProperty(TRACKING_PROPERTY));
    }

    /** The PyTorch engine (loaded on first use, offline). */
    public static Engine engine() {
        goOffline();
        return Engine.getEngine("PyTorch");
    }

    /** The device computations run on: the first GPU when one is visible, else the CPU. */
    public static Device device() {
        return engine().defaultDevice();
    }

    /** A new root manager on {@link #device()}; close it (try-with-resources) to free native memory. */
    public static NDManager newManager() {
        return engine().newBaseManager(device());
    }

    /**
     * A new sub-manager of {@code parent} for the arrays one notebook cell loads, registered under
     * {@code cell}. The sub-manager registered under the same name before, made by an earlier run of
     * the cell, is closed first with everything in it, so re-running the cell replaces its data instead
     * of adding to it:
     *
     * <pre>{@code
     * NDManager data = Engines.cellManager("data", manager);   // re-running this cell frees its last data
     * ImageDataset train = Mnist.train(data, 6_000, 0), test = Mnist.test(data, 2_000, 0);
     * }</pre>
     *
     * Give each cell its own name; data sets of the earlier run must not be used any more (the re-run
     * cell redefines their variables).
     */
    public static NDManager cellManager(String cell, NDManager parent) {
        NDManager fresh = parent.newSubManager();
        NDManager previous = CELLS.put(cell, fresh);
        if (previous != null) {
            previous.close();
        }
        return fresh;
    }

    /**
     * The number of NDArrays currently alive in the engine: every array held by an open manager,
     * sub-managers included (DJL's system manager's managed arrays). A count that stays flat across
     * epochs and re-run cells means no native memory leaks; for tests, leak checks and notebooks.
     */
    public static int liveArrays() {
        try (NDManager probe = newManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    /** The course library's version (the Maven project version it was built as). */
    public static String libraryVersion() {
        try (InputStream in = Engines.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("org/dgm4j/version.properties is missing from the classpath:"
                        + " rebuild the library (mvn package)");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the library version", e);
        }
    }

    /**
     * What trained a model, e.g. "dgm4j 0.1.0, PyTorch 2.5.1, DJL 0.32.0": the library and engine
     * versions a checkpoint is only valid for.
     */
    public static String runtime() {
        Engine e = engine();
        return "dgm4j " + libraryVersion() + ", " + e.getEngineName() + " " + e.getVersion() + ", DJL "
                + Engine.getDjlVersion();
    }

    /** One line describing the engine, its version and the device, for environment checks. */
    public static String describe() {
        Engine e = engine();
        return e.getEngineName() + " " + e.getVersion() + " on " + e.defaultDevice()
                + " (GPUs: " + e.getGpuCount() + ", DJL " + Engine.getDjlVersion() + ")";
    }
}
