package org.dgm4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the data sets live. The root is, in order: the system property {@value #PROPERTY}, the
 * environment variable {@value #ENV} (a relative value is relative to the project root, see
 * {@link #resolveSetting}), or the {@code data/} folder of the project, found by walking up
 * from the working directory to the first folder holding both {@code environment/} and {@code lib/}
 * (notebooks run in {@code notebooks/}, tests in {@code lib/}). Each data set is a sub-folder
 * ({@code mnist/}, {@code fashion-mnist/}) of IDX files, raw or gzipped.
 */
public final class DataPaths {

    /** System property naming the data root. */
    public static final String PROPERTY = "dgm4j.data";
    /** Environment variable naming the data root. */
    public static final String ENV = "DGM4J_DATA";
    /** The command that fetches the data, quoted in every "not found" message. */
    public static final String FIX = "run ./environment/setup (it fetches MNIST and Fashion-MNIST), or set "
            + ENV + " to a folder holding mnist/ and fashion-mnist/";

    private DataPaths() {}

    /** The data root (see the class comment for how it is found). */
    public static Path root() {
        Path start = Paths.get("");
        for (String configured : new String[] {System.getProperty(PROPERTY), System.getenv(ENV)}) {
            if (configured != null && !configured.isBlank()) {
                return resolveSetting(configured, start);
            }
        }
        Path projectData = projectData(start);
        if (projectData != null) {
            return projectData;
        }
        throw new DataException("Cannot find the data folder: neither -D" + PROPERTY + " nor " + ENV
                + " is set, and no folder above " + start.toAbsolutePath() + " holds both environment/ and lib/"
                + " (the project root). Fix: " + FIX + ".");
    }

    /**
     * The folder a setting such as {@value #ENV} names: an absolute path as given; a relative one against
     * the project root (the first folder at or above {@code workingDir} holding environment/ and lib/),
     * so that the scripts (run anywhere in the project), the tests (run in {@code lib/}) and the kernel
     * (run in {@code notebooks/}) all mean the same folder; outside a project against {@code workingDir}.
     */
    public static Path resolveSetting(String value, Path workingDir) {
        Path path = Paths.get(value.trim());
        if (!path.isAbsolute()) {
            Path project = projectRoot(workingDir);
            path = (project != null ? project : workingDir.toAbsolutePath()).resolve(path);
        }
        return path.toAbsolutePath().normalize();
    }

    /** The first folder at or above {@code start} holding both environment/ and lib/, or null. */
    public static Path projectRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("environment")) && Files.isDirectory(dir.resolve("lib"))) {
                return dir;
            }
        }
        return null;
    }

    /** The {@code data/} folder of the first folder at or above {@code start} holding environment/ and lib/, or null. */
    static Path projectData(Path start) {
        Path project = projectRoot(start);
        return project == null ? null : project.resolve("data");
    }

    /** The folder of one data set, e.g. {@code folder("mnist")}; it need not exist. */
    public static Path folder(String dataSet) {
        return root().resolve(dataSet);
    }

    /**
     * The file {@code baseName} of a data set, raw or with {@code .gz} appended (raw preferred when both
     * exist).
     *
     * @throws DataException naming the full path expected and the fix when neither exists
     */
    public static Path file(String dataSet, String baseName) {
        Path raw = folder(dataSet).resolve(baseName);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = raw.resolveSibling(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataException("Data file not found: " + raw + " (nor " + gz.getFileName() + "). Fix: "
                + FIX + ".");
    }
}
