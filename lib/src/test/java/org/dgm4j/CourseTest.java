package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseTest {

    @TempDir
    Path tmp;

    @Test
    void reportsExactlyTheFilesThatAreMissingRawOrCompressed() throws IOException {
        assertEquals(Course.DATA_FILES, Course.missingData(tmp));
        for (String file : Course.DATA_FILES) {
            Path p = tmp.resolve(file + (file.startsWith("fashion") ? ".gz" : ""));
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        assertTrue(Course.missingData(tmp).isEmpty());
        Files.delete(tmp.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz"));
        assertEquals(List.of("fashion-mnist/t10k-labels-idx1-ubyte"), Course.missingData(tmp));
    }
}
