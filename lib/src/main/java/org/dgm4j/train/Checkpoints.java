package org.dgm4j.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.dgm4j.Engines;
import org.dgm4j.data.AtomicFiles;
import org.dgm4j.data.DataPaths;

/**
 * A cache of trained models on disk. An entry is a directory {@code <root>/<name>-<hash>} holding the
 * block's parameters ({@link Block#saveParameters}), the training {@link History} as CSV and a
 * {@code manifest.properties} with the full key text, the library and engine versions that trained it
 * ({@link Engines#runtime()}) and SHA-256 checksums of both files. Every file is
 * written to a temporary file and moved into place atomically, the manifest last, so an interrupted
 * write never looks like a valid entry. A missing, corrupt or mismatched entry is reported and treated
 * as absent (the caller retrains); so is an entry trained by another library or engine version, which
 * makes a checkpoint folder copied from another machine safe to use. An entry that cannot be written
 * (disk full, read-only folder) is reported as a warning, never thrown, so the trained model stays in
 * memory; left-overs of interrupted saves are swept ({@link #sweep()}).
 *
 * <p>The root is the system property {@value #PROPERTY}, else the environment variable {@value #ENV}
 * (a relative value is relative to the repository root, as for the data: {@link DataPaths#resolveSetting}),
 * else {@code checkpoints/} in the repository found by walking up from the working directory to the
 * folder that contains both {@code environment/} and {@code lib/}.
 */
public final class Checkpoints {

    /** System property naming the checkpoint root. */
    public static final String PROPERTY = "dgm4j.checkpoints";
    /** Environment variable naming the checkpoint root. */
    public static final String ENV = "DGM4J_CHECKPOINTS";
    /** Environment variable that, set to {@code 1} or {@code true}, forces retraining. */
    public static final String RETRAIN_ENV = "DGM4J_RETRAIN";
    /** System property equivalent of {@link #RETRAIN_ENV}. */
    public static final String RETRAIN_PROPERTY = "dgm4j.retrain";

    static final String PARAMS = "params.bin";
    static final String HISTORY = "history.csv";
    static final String MANIFEST = "manifest.properties";
    private static final String FORMAT = "1";
    static final String RUNTIME = "runtime";
    private static final List<String> MANIFEST_FIELDS =
            List.of("format", "name", "key", "params.sha256", "history.sha256", "epochs");

    /** Temporary files and empty entry folders older than this are left-overs of interrupted saves. */
    static final Duration STALE = Duration.ofHours(1);
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    /** Writes one file of an entry; {@link AtomicFiles#write} except in tests that inject faults. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path target, byte[] data) throws IOException;
    }

    private final Path root;
    private final Consumer<String> messages;
    private final FileWriter writer;

    private Checkpoints(Path root, Consumer<String> messages, FileWriter writer) {
        this.root = root;
        this.messages = messages;
        this.writer = writer;
    }

    /** Checkpoints under {@code root}, reporting to standard output. */
    public static Checkpoints at(Path root) {
        return new Checkpoints(root, System.out::println, AtomicFiles::write);
    }

    /** Checkpoints under the configured root (see the class comment). */
    public static Checkpoints atDefaultRoot() {
        return at(defaultRoot());
    }

    /** The same cache reporting its messages (loads, corrupt entries) to {@code sink}. */
    public Checkpoints reportingTo(Consumer<String> sink) {
        return new Checkpoints(root, sink, writer);
    }

    /** The same cache writing its files with {@code fileWriter} (tests inject a full or read-only disk). */
    Checkpoints writingWith(FileWriter fileWriter) {
        return new Checkpoints(root, messages, fileWriter);
    }

    /** The directory entries live in. */
    public Path root() {
        return root;
    }

    /** The configured checkpoint root; throws with instructions when none can be found. */
    public static Path defaultRoot() {
        Path start = Paths.get("");
        for (String configured : new String[] {System.getProperty(PROPERTY), System.getenv(ENV)}) {
            if (configured != null && !configured.isBlank()) {
                return DataPaths.resolveSetting(configured, start);
            }
        }
        Path project = DataPaths.projectRoot(start);
        if (project != null) {
            return project.resolve("checkpoints");
        }
        throw new IllegalStateException("Cannot find the checkpoint folder: no directory above "
                + start.toAbsolutePath() + " contains environment/ and lib/. Set " + ENV
                + "=/path/to/checkpoints (or -D" + PROPERTY + "=...).");
    }

    /** True when {@value #RETRAIN_ENV} (or {@value #RETRAIN_PROPERTY}) asks to retrain everything. */
    public static boolean retrainRequested() {
        String v = System.getProperty(RETRAIN_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(RETRAIN_ENV);
        }
        return v != null && (v.trim().equals("1") || v.trim().equalsIgnoreCase("true"));
    }

    /** The directory of the entry for {@code name} and {@code key}. */
    public Path entry(String name, String key) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve(safe + "-" + hash(key).substring(0, 16));
    }

    /**
     * Loads the entry for {@code name}/{@code key} into {@code block} (its parameters are replaced by
     * arrays owned by {@code manager}) and returns its history, or empty when there is no usable entry.
     * A corrupt or mismatched entry is reported; the block is then left without parameters
     * ({@link Block#clear()}) only if loading had already begun.
     */
    public Optional<History> load(String name, String key, Block block, NDManager manager) {
        Path dir = entry(name, key);
        Path manifestFile = dir.resolve(MANIFEST);
        sweepOnce();
        if (!Files.exists(manifestFile)) {
            return Optional.empty();
        }
        try {
            Properties manifest = new Properties();
            try (Reader r = new StringReader(Files.readString(manifestFile, StandardCharsets.UTF_8))) {
                manifest.load(r);
            } catch (CharacterCodingException | IllegalArgumentException e) {
                return unusable(dir, MANIFEST + " is corrupt (not a properties text: " + e.getMessage() + ")");
            }
            String damage = damage(manifest);
            if (damage != null) {
                return unusable(dir, MANIFEST + " is corrupt (" + damage + ")");
            }
            if (!FORMAT.equals(manifest.getProperty("format"))) {
                return unusable(dir, "it was written in format '" + manifest.getProperty("format")
                        + "' by another version of DGM4J (this one reads format " + FORMAT + ")");
            }
            if (!key.equals(manifest.getProperty("key"))) {
                // The folder is named by the key's hash: a key of another hash means the manifest was altered.
                return unusable(dir, entry(name, manifest.getProperty("key")).equals(dir)
                        ? "it was trained with a different configuration"
                        : MANIFEST + " is corrupt (its key does not belong to this entry)");
            }
            String trainedBy = manifest.getProperty(RUNTIME, "a version that did not record it");
            if (!trainedBy.equals(Engines.runtime())) {
                return unusable(dir, "it was trained by " + trainedBy + ", this is " + Engines.runtime());
            }
            byte[] params = Files.readAllBytes(dir.resolve(PARAMS));
            byte[] history = Files.readAllBytes(dir.resolve(HISTORY));
            if (!hash(params).equals(manifest.getProperty("params.sha256"))) {
                return unusable(dir, PARAMS + " is corrupt (checksum mismatch, " + params.length
                        + (params.length == 1 ? " byte)" : " bytes)"));
            }
            if (!hash(history).equals(manifest.getProperty("history.sha256"))) {
                return unusable(dir, HISTORY + " is corrupt (checksum mismatch)");
            }
            History h = History.fromCsv(new String(history, StandardCharsets.UTF_8));
            block.clear();
            try (InputStream in = new java.io.ByteArrayInputStream(params);
                    DataInputStream dis = new DataInputStream(new BufferedInputStream(in))) {
                block.loadParameters(manager, dis);
            }
            h.markFromCache();
            messages.accept("Loaded " + name + " from " + dir + " (" + h.size() + " epochs, trained in "
                    + String.format(java.util.Locale.ROOT, "%.1f", sum(h.seconds())) + " s); set "
                    + RETRAIN_ENV + "=1 to retrain.");
            return Optional.of(h);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            block.clear();
            return unusable(dir, e.toString());
        }
    }

    /**
     * Writes the entry for {@code name}/{@code key}: parameters of {@code block} and {@code history}.
     * When the entry cannot be written (disk full, folder read-only, ...) nothing is thrown: the
     * half-written entry is removed, a warning says which folder, why and what to do, and the result is
     * empty; the caller keeps the trained block and history in memory.
     *
     * @return the entry's folder, or empty when it could not be written
     */
    public Optional<Path> save(String name, String key, Block block, History history) {
        sweepOnce();
        Path dir = entry(name, key);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(bytes))) {
                block.saveParameters(dos);
            }
            byte[] params = bytes.toByteArray();
            byte[] csv = history.toCsv().getBytes(StandardCharsets.UTF_8);
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("name", name);
            manifest.setProperty("key", key);
            manifest.setProperty("params.sha256", hash(params));
            manifest.setProperty("history.sha256", hash(csv));
            manifest.setProperty("epochs", Integer.toString(history.size()));
            manifest.setProperty(RUNTIME, Engines.runtime());
            StringWriter w = new StringWriter();
            manifest.store(w, "DGM4J checkpoint; delete this directory to retrain");
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(MANIFEST));
            writer.write(dir.resolve(PARAMS), params);
            writer.write(dir.resolve(HISTORY), csv);
            writer.write(dir.resolve(MANIFEST), w.toString().getBytes(StandardCharsets.UTF_8));
            return Optional.of(dir);
        } catch (IOException e) {
            removeUnfinished(dir);
            messages.accept("WARNING: could not save the checkpoint of " + name + " to " + dir + ": "
                    + describe(e) + ". The trained model and its history stay in memory, so this notebook"
                    + " goes on, but the next kernel will train it again. Fix: free disk space in " + root
                    + " or make it writable, or set " + ENV + " to a writable folder.");
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        String reason = e.getMessage();
        if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason() + " (" + f.getFile() + ")";
        } else if (reason == null) {
            reason = e.getClass().getSimpleName();
        }
        return reason;
    }

    /** Deletes what an unfinished save of {@code dir} wrote (never a valid entry: its manifest goes first). */
    private static void removeUnfinished(Path dir) {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(MANIFEST))) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: what is left has no manifest, so it is never loaded, and sweep() removes it later
        }
    }

    /** {@link #sweep()} once per root and JVM. */
    private void sweepOnce() {
        if (SWEPT.add(root.toAbsolutePath())) {
            sweep();
        }
    }

    /**
     * Removes the left-overs of interrupted saves: {@code *.tmp} files in entry folders and empty entry
     * folders, both older than {@link #STALE} (younger ones may belong to a save running right now).
     *
     * @return how many files and folders were removed
     */
    int sweep() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant before = Instant.now().minus(STALE);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : entries) {
                try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, "*.tmp")) {
                    for (Path tmp : tmps) {
                        if (olderThan(tmp, before) && Files.deleteIfExists(tmp)) {
                            removed++;
                        }
                    }
                }
                try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
                    if (!left.iterator().hasNext() && olderThan(dir, before) && Files.deleteIfExists(dir)) {
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            // best effort: left-overs are never loaded (no manifest); a read-only root is reported by save()
        }
        return removed;
    }

    private static boolean olderThan(Path p, Instant t) throws IOException {
        return Files.getLastModifiedTime(p).toInstant().isBefore(t);
    }

    /** What makes a manifest unreadable (a missing or malformed line), or null when it is well formed. */
    private static String damage(Properties manifest) {
        for (String field : MANIFEST_FIELDS) {
            if (manifest.getProperty(field) == null) {
                return "no '" + field + "' line";
            }
        }
        for (String field : List.of("params.sha256", "history.sha256")) {
            if (!manifest.getProperty(field).matches("[0-9a-f]{64}")) {
                return "'" + field + "' is not a SHA-256";
            }
        }
        return manifest.getProperty("epochs").matches("[0-9]+") ? null : "'epochs' is not a number";
    }

    private Optional<History> unusable(Path dir, String reason) {
        messages.accept("Checkpoint " + dir + " is unusable: " + reason + ". Retraining (the entry will be"
                + " overwritten).");
        return Optional.empty();
    }

    /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }
}
