package org.dgm4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** The U-Net maps (B, 1, H, W) to the same shape and depends on t. */
class UNetTest {

    private static void checkShapeAndTime(UNetConfig config, int side) {
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(11);
            UNet net = new UNet(config).initialize(m, side, side);
            System.out.println(config + ": " + net.parameterCount() + " parameters");
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(3, 1, side, side));
            NDArray early = net.predict(store, x, m.create(new float[] {5, 5, 5}), false);
            NDArray late = net.predict(store, x, m.create(new float[] {700, 700, 700}), false);
            assertEquals(x.getShape(), early.getShape());
            double change = early.sub(late).abs().mean().getFloat();
            double scale = early.abs().mean().getFloat();
            assertTrue(change > 1e-3 * scale && change > 0, "output must depend on t: mean |Δ| = " + change);
        }
    }

    @Test
    void smallConfigKeepsShapeAndDependsOnTime() {
        checkShapeAndTime(UNetConfig.small(), 28);
    }

    @Test
    void paddedFourLevelConfigWithAttentionKeepsShape() {
        checkShapeAndTime(new UNetConfig(16, new int[] {1, 2, 2, 2}, 1, true, 4, 2), 28);
    }

    @Test
    void parameterCountsOfTheNamedConfigurations() {
        try (NDManager m = Engines.newManager()) {
            long small = new UNet(UNetConfig.small()).initialize(m, 28, 28).parameterCount();
            long large = new UNet(UNetConfig.large()).initialize(m, 28, 28).parameterCount();
            System.out.println("small " + small + ", large " + large);
            assertTrue(small < 1_500_000, "small U-Net should stay CPU-sized, has " + small);
            assertTrue(large > 2_500_000 && large < 8_000_000, "large U-Net is reference-sized, has " + large);
        }
    }

    @Test
    void rejectsSidesThatDoNotHalveCleanly() {
        try (NDManager m = Engines.newManager()) {
            UNet net = new UNet(new UNetConfig(16, new int[] {1, 2, 2, 2}, 1, false, 4, 0));
            assertThrows(IllegalArgumentException.class, () -> net.initialize(m, 28, 28));
        }
    }
}
