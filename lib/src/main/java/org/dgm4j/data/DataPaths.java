package org.dgm4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the data sets live. The root is, in order: the system property {@value #PROPERTY}, the
 * environment variable {@value #ENV}, or the {@code data/} folder of the project, found by walking up
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
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Paths.get(property).toAbsolutePath().normalize();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Paths.get(env).toAbsolutePath().normalize();
        }
        Path start = Paths.get("").toAbsolutePath();
        Path projectData = projectData(start);
        if (projectData != null) {
            return projectData;
        }
        throw new DataException("Cannot find the data folder: neither -D" + PROPERTY + " nor " + ENV
                + " is set, and no folder above " + start + " holds both environment/ and lib/ (the project"
                + " root). Fix: " + FIX + ".");
    }

    /** The {@code data/} folder of the first folder at or above {@code start} holding environment/ and lib/, or null. */
    static Path projectData(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("environment")) && Files.isDirectory(dir.resolve("lib"))) {
                return dir.resolve("data");
            }
        }
        return null;
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
