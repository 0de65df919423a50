package org.dgm4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.data.DataException;
import org.dgm4j.data.DataPaths;

/**
 * The set-up every notebook runs in its first cell: {@code Course.setup()}. It puts DJL offline and
 * AWT headless, then prints the Java version, the engine and device, the run profile and where the
 * data is, and returns a one-line verdict (shown as the cell's result). Anything missing is reported
 * with the command that fixes it.
 */
public final class Course {

    /** The data sets the notebooks read, as {@code folder/file} under the data root (raw or .gz). */
    static final List<String> DATA_FILES = List.of(
            "mnist/train-images-idx3-ubyte", "mnist/train-labels-idx1-ubyte",
            "mnist/t10k-images-idx3-ubyte", "mnist/t10k-labels-idx1-ubyte",
            "fashion-mnist/train-images-idx3-ubyte", "fashion-mnist/train-labels-idx1-ubyte",
            "fashion-mnist/t10k-images-idx3-ubyte", "fashion-mnist/t10k-labels-idx1-ubyte");

    private final Profile profile;
    private final Path dataRoot;
    private final List<String> missing;

    private Course(Profile profile, Path dataRoot, List<String> missing) {
        this.profile = profile;
        this.dataRoot = dataRoot;
        this.missing = missing;
    }

    /**
     * Prepares the kernel for the course and prints what it found. Safe to run again (re-running a
     * notebook's first cell only prints the check anew).
     */
    public static Course setup() {
        System.setProperty("java.awt.headless", "true");
        Engines.goOffline();
        System.out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("Engine:  " + Engines.describe() + (Engines.isOffline() ? ", offline" : ""));
        Profile profile = Profile.current();
        System.out.println("Profile: " + profile.id() + " (set " + Profile.ENV + "=smoke|quick|full to change)");
        Path root = null;
        List<String> missing = DATA_FILES;
        try {
            root = DataPaths.root();
            missing = missingData(root);
            System.out.println("Data:    " + root + (missing.isEmpty() ? " (MNIST and Fashion-MNIST found)"
                    : " — missing " + String.join(", ", missing) + ". Fix: " + DataPaths.FIX + "."));
        } catch (DataException e) {
            System.out.println("Data:    not found. " + e.getMessage());
        }
        return new Course(profile, root, missing);
    }

    /** The expected data files absent under {@code root} (each may be stored raw or gzip-compressed). */
    static List<String> missingData(Path root) {
        List<String> missing = new ArrayList<>();
        for (String file : DATA_FILES) {
            Path raw = root.resolve(file);
            if (!Files.isRegularFile(raw) && !Files.isRegularFile(raw.resolveSibling(raw.getFileName() + ".gz"))) {
                missing.add(file);
            }
        }
        return missing;
    }

    /** The data root this set-up found ({@code null} when there is none). */
    public Path dataRoot() {
        return dataRoot;
    }

    /** True when every data file the notebooks read is present. */
    public boolean dataFound() {
        return missing.isEmpty();
    }

    /** The run profile in force. */
    public Profile profile() {
        return profile;
    }

    @Override
    public String toString() {
        return missing.isEmpty() ? "DGM4J ready (profile " + profile.id() + ")"
                : "DGM4J NOT ready: data missing (run ./environment/setup)";
    }
}
