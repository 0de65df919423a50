package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void loadingTheClassPutsDjlOffline() {
        System.clearProperty(Engines.OFFLINE_PROPERTY);
        Engines.goOffline();
        assertTrue(Engines.isOffline());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
    }

    @Test
    void runsAPyTorchOp() {
        try (NDManager m = Engines.newManager()) {
            assertEquals(15f, m.arange(6f).sum().getFloat());
            assertTrue(Engines.describe().startsWith("PyTorch 2.5.1"), Engines.describe());
        }
    }

    @Test
    void runtimeNamesTheFilteredLibraryVersionAndTheEngineVersions() {
        String version = Engines.libraryVersion();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "the build fills in the version: " + version);
        assertEquals("dgm4j " + version + ", PyTorch 2.5.1, DJL 0.32.0", Engines.runtime());
    }

    @Test
    void liveArraysCountsArraysOfOpenManagersAndSubManagers() {
        int before = Engines.liveArrays();
        try (NDManager m = Engines.newManager()) {
            NDArray a = m.ones(new Shape(3));
            assertEquals(before + 1, Engines.liveArrays());
            try (NDManager sub = m.newSubManager()) {
                sub.zeros(new Shape(2));
                a.add(a); // an op's result lives in its input's manager, not in the sub-manager
                assertEquals(before + 3, Engines.liveArrays());
            }
            assertEquals(before + 2, Engines.liveArrays(), "closing a sub-manager frees only its own arrays");
            a.close();
            assertEquals(before + 1, Engines.liveArrays(), "a closed array no longer counts");
        }
        assertEquals(before, Engines.liveArrays(), "closing the manager frees everything it held");
    }
}
