package org.dgm4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution of the data root and of raw or gzipped files. */
@Tag("faults")
class DataPathsTest {

    @TempDir
    Path dir;

    private final String saved = System.getProperty(DataPaths.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(DataPaths.PROPERTY);
        } else {
            System.setProperty(DataPaths.PROPERTY, saved);
        }
    }

    @Test
    void systemPropertyWins() {
        System.setProperty(DataPaths.PROPERTY, dir.toString());
        assertEquals(dir.toAbsolutePath(), DataPaths.root());
        assertEquals(dir.resolve("mnist"), DataPaths.folder("mnist"));
    }

    @Test
    void walksUpToTheProjectRoot() throws Exception {
        Files.createDirectories(dir.resolve("environment"));
        Files.createDirectories(dir.resolve("lib/src"));
        Files.createDirectories(dir.resolve("notebooks"));
        assertEquals(dir.resolve("data"), DataPaths.projectData(dir.resolve("notebooks")));
        assertEquals(dir.resolve("data"), DataPaths.projectData(dir.resolve("lib/src")));
        assertEquals(dir.resolve("data"), DataPaths.projectData(dir));
        Files.delete(dir.resolve("environment"));
        assertEquals(null, DataPaths.projectData(dir.resolve("notebooks")));
    }

    @Test
    void aRelativeSettingMeansTheSameFolderFromTheNotebooksTheTestsAndTheRoot() throws Exception {
        Files.createDirectories(dir.resolve("environment"));
        Files.createDirectories(dir.resolve("lib/src"));
        Files.createDirectories(dir.resolve("notebooks"));
        Path expected = dir.resolve("my-data").toAbsolutePath().normalize();
        for (Path cwd : new Path[] {dir, dir.resolve("notebooks"), dir.resolve("lib"), dir.resolve("lib/src")}) {
            assertEquals(expected, DataPaths.resolveSetting("my-data", cwd), "from " + cwd);
            assertEquals(expected, DataPaths.resolveSetting("./my-data/", cwd), "from " + cwd);
        }
        assertEquals(dir.resolve("elsewhere").toAbsolutePath(), DataPaths.resolveSetting(
                dir.resolve("elsewhere").toString(), dir.resolve("notebooks")), "an absolute value is kept");
        Files.delete(dir.resolve("environment"));
        assertEquals(dir.resolve("notebooks/my-data").toAbsolutePath(), DataPaths.resolveSetting("my-data",
                dir.resolve("notebooks")), "outside a project: relative to the working directory");
    }

    @Test
    void findsRawThenGzip() throws Exception {
        System.setProperty(DataPaths.PROPERTY, dir.toString());
        Path gz = IdxFiles.write(dir.resolve("mnist/t10k-labels-idx1-ubyte.gz"), new byte[] {1});
        assertEquals(gz, DataPaths.file("mnist", "t10k-labels-idx1-ubyte"));
        Path raw = Files.write(dir.resolve("mnist/t10k-labels-idx1-ubyte"), new byte[] {1});
        assertEquals(raw, DataPaths.file("mnist", "t10k-labels-idx1-ubyte"));
    }

    @Test
    void missingFileNamesFullPathAndFix() {
        System.setProperty(DataPaths.PROPERTY, dir.toString());
        DataException e = assertThrows(DataException.class, () -> DataPaths.file("fashion-mnist",
                "train-images-idx3-ubyte"));
        assertTrue(e.getMessage().contains(dir.resolve("fashion-mnist/train-images-idx3-ubyte").toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("run ./environment/setup (it fetches MNIST and Fashion-MNIST), or set"
                + " DGM4J_DATA to a folder holding mnist/ and fashion-mnist/"), e.getMessage());
        e = assertThrows(DataException.class, () -> Mnist.test(null));
        assertTrue(e.getMessage().contains(dir.resolve("mnist/t10k-images-idx3-ubyte").toString()), e.getMessage());
    }

    @Test
    void realDataRootHoldsBothDataSets() {
        assertTrue(Files.isDirectory(DataPaths.folder(Mnist.FOLDER)), "no " + DataPaths.folder(Mnist.FOLDER));
        assertTrue(Files.isDirectory(DataPaths.folder(FashionMnist.FOLDER)));
    }
}
