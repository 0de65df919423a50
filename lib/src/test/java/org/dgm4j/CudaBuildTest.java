package org.dgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The {@code -Pcuda} build on a machine without a GPU: the CUDA natives are on the class path and the engine
 * falls back to the CPU natives of the same libtorch. Runs only in that build ({@code dgm4j.cuda.build=true},
 * set by the {@code cuda} Maven profile; {@code environment/test} runs it in CI); skipped in the default build.
 */
class CudaBuildTest {

    private static List<String> nativeFlavors() throws IOException {
        List<String> flavors = new ArrayList<>();
        for (URL url : Collections.list(CudaBuildTest.class.getClassLoader().getResources("native/lib/pytorch.properties"))) {
            try (InputStream in = url.openStream()) {
                Properties p = new Properties();
                p.load(in);
                flavors.add(p.getProperty("flavor") + " " + p.getProperty("version"));
            }
        }
        return flavors;
    }

    @Test
    void theCudaBuildCarriesBothNativesAndTrainsOnTheCpu() throws IOException {
        assumeTrue(Boolean.getBoolean("dgm4j.cuda.build"), "only in the -Pcuda build");
        List<String> flavors = nativeFlavors();
        assertTrue(flavors.stream().anyMatch(f -> f.startsWith("cu124 2.5.1")), "CUDA natives on the class path: " + flavors);
        assertTrue(flavors.stream().anyMatch(f -> f.startsWith("cpu 2.5.1")), "CPU natives on the class path: " + flavors);
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this check is for machines without a GPU");
        try (NDManager m = Engines.newManager()) {
            assertEquals(Device.cpu(), m.getDevice());
            // one gradient step of f(w) = (w - 3)² from w = 0 at rate 0.25: w' = 0 - 0.25 · 2(0 - 3) = 1.5
            NDArray w = m.zeros(new Shape(1));
            w.setRequiresGradient(true);
            try (GradientCollector g = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray d = w.sub(m.create(3f));
                g.backward(d.mul(d).sum());
            }
            assertEquals(1.5f, w.sub(w.getGradient().mul(m.create(0.25f))).getFloat(), 1e-6f);
        }
    }
}
