package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("faults")
class CourseTest {

    @TempDir
    Path tmp;

    /** Writes {@code file} (raw or .gz) with {@code size} zero bytes of uncompressed content. */
    private void write(String file, long size, boolean gzip) throws IOException {
        Path p = tmp.resolve(file + (gzip ? ".gz" : ""));
        Files.createDirectories(p.getParent());
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(new byte[(int) size]);
        }
    }

    private long size(String file) {
        return Course.SIZES.get(Path.of(file).getFileName().toString());
    }

    @Test
    void reportsExactlyTheFilesThatAreMissingRawOrCompressed() throws IOException {
        assertEquals(Course.DATA_FILES.stream().map(f -> f + " missing").toList(), Course.dataProblems(tmp));
        for (String file : Course.DATA_FILES) {
            write(file, size(file), file.startsWith("fashion"));
        }
        assertTrue(Course.dataProblems(tmp).isEmpty(), Course.dataProblems(tmp).toString());
        Files.delete(tmp.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz"));
        assertEquals(List.of("fashion-mnist/t10k-labels-idx1-ubyte missing"), Course.dataProblems(tmp));
    }

    @Test
    void truncatedRawOrDamagedGzipIsNotReady() throws IOException {
        for (String file : Course.DATA_FILES) {
            write(file, size(file), file.startsWith("fashion"));
        }
        write("mnist/t10k-labels-idx1-ubyte", 1000, false);
        Path gz = tmp.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals(List.of("mnist/t10k-labels-idx1-ubyte is 1000 bytes, expected 10008 (truncated)",
                "fashion-mnist/t10k-labels-idx1-ubyte.gz is damaged (it records " + recorded(gz)
                        + " bytes uncompressed, expected 10008)"), Course.dataProblems(tmp));
    }

    @Test
    void theRawFileIsJudgedBeforeAGoodGzip() throws IOException {
        for (String file : Course.DATA_FILES) {
            write(file, size(file), true);
        }
        assertTrue(Course.dataProblems(tmp).isEmpty());
        write("mnist/train-labels-idx1-ubyte", 5, false);
        assertEquals(List.of("mnist/train-labels-idx1-ubyte is 5 bytes, expected 60008 (truncated)"),
                Course.dataProblems(tmp), "the library reads the raw file first, so the check must too");
    }

    private static long recorded(Path gz) throws IOException {
        byte[] b = Files.readAllBytes(gz);
        int n = b.length;
        return (b[n - 4] & 0xffL) | (b[n - 3] & 0xffL) << 8 | (b[n - 2] & 0xffL) << 16 | (b[n - 1] & 0xffL) << 24;
    }
}
