package org.dgm4j.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files written so that a reader never sees half of one: a temporary file, then one move over the target. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes {@code data} to a temporary file next to {@code target} (its folder must exist), then moves it
     * over {@code target} atomically where the file system can; the temporary file never outlives the call.
     */
    public static void write(Path target, byte[] data) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
