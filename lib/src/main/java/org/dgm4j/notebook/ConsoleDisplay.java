package org.dgm4j.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The display outside a notebook (tests, {@code main} programs, logs). Text is printed, one line per
 * show or update, so a progress bar reads as a log. Images are not drawn: {@link #show} prints a
 * one-line description, and when a figure directory is configured ({@code DGM4J_FIGURES} environment
 * variable or {@code dgm4j.figures} system property) each image is also saved there as
 * {@code figure-NNN.png}; updating an image rewrites its file (and prints nothing).
 */
public final class ConsoleDisplay implements Display {

    /** Environment variable naming a directory where images are saved outside a notebook. */
    public static final String FIGURES_ENV = "DGM4J_FIGURES";
    /** System property naming that directory (takes precedence over the environment variable). */
    public static final String FIGURES_PROPERTY = "dgm4j.figures";

    private final Supplier<PrintStream> out;
    private final Path figureDir;
    private final AtomicInteger counter = new AtomicInteger();

    /**
     * A console display printing to {@code out} (looked up at each print, so redirections of
     * {@code System.out} are honoured) and saving images to {@code figureDir} when it is not null.
     */
    public ConsoleDisplay(Supplier<PrintStream> out, Path figureDir) {
        this.out = out;
        this.figureDir = figureDir;
    }

    /** Prints to {@code System.out}; saves images where the environment says (or nowhere). */
    public static ConsoleDisplay standard() {
        return new ConsoleDisplay(() -> System.out, configuredFigureDir());
    }

    /** The figure directory set by {@link #FIGURES_PROPERTY} or {@link #FIGURES_ENV}, or null. */
    public static Path configuredFigureDir() {
        String dir = System.getProperty(FIGURES_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(FIGURES_ENV);
        }
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    @Override
    public String show(MimeBundle bundle) {
        String id = "console-" + counter.incrementAndGet();
        if (bundle.image() != null && figureDir != null) {
            Path file = save(id, bundle);
            out.get().println(bundle.plainText() + " saved to " + file);
        } else {
            out.get().println(bundle.plainText());
        }
        return id;
    }

    @Override
    public void update(String id, MimeBundle bundle) {
        if (bundle.image() != null) {
            if (figureDir != null) {
                save(id, bundle);
            }
            return;
        }
        out.get().println(bundle.plainText());
    }

    @Override
    public String name() {
        return figureDir == null ? "console" : "console (figures saved to " + figureDir + ")";
    }

    @Override
    public boolean isNotebook() {
        return false;
    }

    /** The file an image shown under {@code id} is saved to. */
    Path fileFor(String id) {
        String number = id.startsWith("console-") ? id.substring("console-".length()) : id;
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return figureDir.resolve("figure-" + number.replaceAll("[^A-Za-z0-9_-]", "_") + ".png");
        }
        return figureDir.resolve(String.format(Locale.ROOT, "figure-%03d.png", n));
    }

    private Path save(String id, MimeBundle bundle) {
        Path file = fileFor(id);
        try {
            Files.createDirectories(figureDir);
            Path tmp = Files.createTempFile(figureDir, ".figure-", ".png.tmp");
            Files.write(tmp, MimeBundle.encodePng(bundle.image()));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save figure to " + file
                    + "; check that " + figureDir + " is a writable directory", e);
        }
        return file;
    }
}
