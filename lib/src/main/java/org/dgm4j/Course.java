package org.dgm4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dgm4j.data.DataException;
import org.dgm4j.data.DataPaths;
import org.dgm4j.notebook.Notebook;
import org.dgm4j.notebook.NotebookProgress;
import org.dgm4j.train.Progress;

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

    /** The uncompressed size in bytes of each data file, by name (the same for both data sets). */
    static final Map<String, Long> SIZES = Map.of(
            "train-images-idx3-ubyte", 47_040_016L, "train-labels-idx1-ubyte", 60_008L,
            "t10k-images-idx3-ubyte", 7_840_016L, "t10k-labels-idx1-ubyte", 10_008L);

    private final Profile profile;
    private final Path dataRoot;
    private final List<String> problems;

    private Course(Profile profile, Path dataRoot, List<String> problems) {
        this.profile = profile;
        this.dataRoot = dataRoot;
        this.problems = problems;
    }

    /**
     * Prepares the kernel for the course and prints what it found. Safe to run again (re-running a
     * notebook's first cell only prints the check anew).
     */
    public static Course setup() {
        System.setProperty("java.awt.headless", "true");
        Engines.goOffline();
        if (Notebook.inNotebook()) {
            Progress.setDefault(NotebookProgress::new);
        }
        System.out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("Engine:  " + Engines.describe() + (Engines.isOffline() ? ", offline" : ""));
        Profile profile = Profile.current();
        System.out.println("Profile: " + profile.id() + " (set " + Profile.ENV + "=smoke|quick|full to change)");
        Path root = null;
        List<String> problems = List.of("no data folder");
        try {
            root = DataPaths.root();
            problems = dataProblems(root);
            System.out.println("Data:    " + root + (problems.isEmpty() ? " (MNIST and Fashion-MNIST found)"
                    : " — " + String.join("; ", problems) + ". Fix: " + DataPaths.FIX + "."));
        } catch (DataException e) {
            System.out.println("Data:    not found. " + e.getMessage());
        }
        return new Course(profile, root, problems);
    }

    /**
     * What is wrong with the data under {@code root}, one entry per file: missing, or of the wrong size.
     * Each file is judged as the library reads it ({@link DataPaths#file}): raw when present, else its
     * {@code .gz}, whose size is the one recorded in its gzip trailer. Empty when all is well.
     */
    static List<String> dataProblems(Path root) {
        List<String> problems = new ArrayList<>();
        for (String file : DATA_FILES) {
            Path raw = root.resolve(file);
            Path gz = raw.resolveSibling(raw.getFileName() + ".gz");
            long expected = SIZES.get(raw.getFileName().toString());
            try {
                if (Files.isRegularFile(raw)) {
                    long size = Files.size(raw);
                    if (size != expected) {
                        problems.add(file + " is " + size + " bytes, expected " + expected
                                + (size < expected ? " (truncated)" : ""));
                    }
                } else if (Files.isRegularFile(gz)) {
                    long size = gzipRecordedSize(gz);
                    if (size != (expected & 0xffffffffL)) {
                        problems.add(file + ".gz is damaged (it records " + size + " bytes uncompressed,"
                                + " expected " + expected + ")");
                    }
                } else {
                    problems.add(file + " missing");
                }
            } catch (IOException e) {
                problems.add(file + " unreadable (" + e.getMessage() + ")");
            }
        }
        return problems;
    }

    /** The uncompressed size modulo 2^32 a gzip file records in its last four bytes (-1 when too short). */
    private static long gzipRecordedSize(Path gz) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(gz)) {
            if (ch.size() < 18) {
                return -1;
            }
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.position(ch.size() - 4);
            while (trailer.hasRemaining() && ch.read(trailer) > 0) {
                // read the four bytes
            }
            return trailer.getInt(0) & 0xffffffffL;
        }
    }

    /** The data root this set-up found ({@code null} when there is none). */
    public Path dataRoot() {
        return dataRoot;
    }

    /** True when every data file the notebooks read is present with the right size. */
    public boolean dataFound() {
        return problems.isEmpty();
    }

    /** The run profile in force. */
    public Profile profile() {
        return profile;
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "DGM4J ready (profile " + profile.id() + ")"
                : "DGM4J NOT ready: data missing or damaged (run ./environment/setup)";
    }
}
