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
    void dataRootIsTheRepositoryDataFolderSeenFromTheNotebooks() throws IOException {
        Files.createFile(tmp.resolve("pom.xml"));
        Files.createDirectories(tmp.resolve("environment"));
        Path notebooks = Files.createDirectories(tmp.resolve("notebooks"));
        assertEquals(tmp.resolve("data"), Course.dataRoot(null, notebooks));
        assertEquals(tmp.resolve("data"), Course.dataRoot("  ", tmp));
    }

    @Test
    void theEnvironmentVariableWins() {
        assertEquals(tmp.resolve("elsewhere"), Course.dataRoot(tmp.resolve("elsewhere").toString(), tmp));
    }

    @Test
    void outsideARepositoryTheDataFolderIsBesideTheStart() throws IOException {
        Path lonely = Files.createDirectories(tmp.resolve("a/b"));
        assertEquals(lonely.resolve("data"), Course.dataRoot(null, lonely));
    }

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
