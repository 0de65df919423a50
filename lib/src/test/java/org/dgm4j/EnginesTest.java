package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
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
}
