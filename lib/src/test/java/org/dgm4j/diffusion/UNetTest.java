package org.dgm4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
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
    void parametersAreNamedByTheirPlaceAndCountedByBlockType() {
        try (NDManager m = Engines.newManager()) {
            UNet net = new UNet(UNetConfig.small()).initialize(m, 28, 28);
            java.util.List<String> names = BlockCensus.parameterNames(net);
            for (String expected : new String[] {"time.dense1.weight", "input.weight", "down.0.res.0.conv1.weight",
                "down.1.res.0.shortcut.weight", "down.0.downsample.bias", "middle.res.1.time.weight", "up.0.res.1.norm2.gamma",
                "up.1.upsample.weight", "out.conv.bias"}) {
                assertTrue(names.contains(expected), expected + " in " + names);
            }
            assertEquals(net.getParameters().size(), names.size());
            java.util.Map<String, BlockCensus> census = new java.util.HashMap<>();
            long total = 0;
            for (BlockCensus row : net.census()) {
                census.put(row.type(), row);
                total += row.parameters();
            }
            assertEquals(net.parameterCount(), total, "the census covers every parameter");
            assertEquals(3 + 2 + 3 * 2, census.get("ResidualBlock").blocks(), "down 3, middle 2, up 3 × 2");
            assertEquals(1, census.get("TimeEmbedding").blocks());
            // the time MLP by hand: (16·64 + 64) + (64·64 + 64)
            assertEquals(16 * 64 + 64 + 64 * 64 + 64, census.get("TimeEmbedding").parameters());
            UNet attention = new UNet(new UNetConfig(16, new int[] {1, 2, 2, 2}, 1, true, 4, 2)).initialize(m, 28, 28);
            assertTrue(BlockCensus.parameterNames(attention).contains("middle.attn.qkv.weight"));
            assertTrue(BlockCensus.parameterNames(attention).contains("down.3.attn.0.norm.gamma"));
            assertTrue(attention.census().stream().anyMatch(r -> r.type().equals("SelfAttention") && r.blocks() == 1 + 1 + 2));
        }
    }

    @Test
    void aConditionalNetworkAddsOneEmbeddingRowPerLabelAndTheNullLabel() {
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(4);
            UNet plain = new UNet(UNetConfig.small()).initialize(m, 28, 28);
            UNet conditional = new UNet(UNetConfig.small().withClasses(10)).initialize(m, 28, 28);
            assertEquals(plain.parameterCount() + 11 * 64, conditional.parameterCount());
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 28, 28));
            NDArray t = m.create(new float[] {300, 300});
            NDArray three = conditional.predict(store, x, t, m.create(new int[] {3, 3}), false);
            NDArray none = conditional.predict(store, x, t, m.create(new int[] {10, 10}), false);
            assertTrue(three.sub(none).abs().max().getFloat() > 0, "the label changes the prediction");
            String message = assertThrows(IllegalArgumentException.class, () -> conditional.predict(store, x, t, false)).getMessage();
            assertTrue(message.contains("null label 10"), message);
            assertThrows(IllegalArgumentException.class, () -> UNetConfig.small().withClasses(1));
        }
    }

    @Test
    void scaleShiftConditioningDoublesTheEmbeddingProjectionsAndKeepsTheShape() {
        checkShapeAndTime(UNetConfig.small().withScaleShift(true), 28);
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(4);
            UNetConfig config = UNetConfig.small().withClasses(10);
            UNet offset = new UNet(config).initialize(m, 28, 28);
            UNet film = new UNet(config.withScaleShift(true)).initialize(m, 28, 28);
            long embedding = 4L * config.baseChannels();
            long extra = offset.getParameters().stream().filter(p -> p.getKey().contains(".res.") && p.getKey().endsWith("time_bias"))
                    .mapToLong(p -> p.getValue().getArray().size() * (embedding + 1)).sum();
            assertTrue(extra > 0);
            assertEquals(offset.parameterCount() + extra, film.parameterCount(), "one scale and one shift per channel");
            assertTrue(film.config().describe().endsWith("-c10-ss"), film.config().describe());
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 28, 28));
            NDArray t = m.create(new float[] {300, 300});
            NDArray three = film.predict(store, x, t, m.create(new int[] {3, 3}), false);
            NDArray none = film.predict(store, x, t, m.create(new int[] {10, 10}), false);
            assertTrue(three.sub(none).abs().max().getFloat() > 0, "the label changes the prediction");
        }
    }

    @Test
    void rejectsSidesThatDoNotHalveCleanly() {
        try (NDManager m = Engines.newManager()) {
            UNet net = new UNet(new UNetConfig(16, new int[] {1, 2, 2, 2}, 1, false, 4, 0));
            assertThrows(IllegalArgumentException.class, () -> net.initialize(m, 28, 28));
        }
    }

    @Test
    void aForwardPassKeepsBlockOutputsNotEveryTemporary() {
        try (NDManager m = Engines.newManager()) {
            UNet net = new UNet(UNetConfig.small().withClasses(10)).initialize(m, 28, 28);
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(2, 1, 28, 28));
                    NDArray t = step.create(new float[] {10, 900});
                    NDArray y = step.create(new int[] {3, 10});
                    try (GradientCollector gc = training ? Engine.getInstance().newGradientCollector() : null) {
                        NDArray eps = net.predict(new ParameterStore(step, false), x, t, y, training);
                        int live = step.getManagedArrays().size();
                        System.out.println("training " + training + ": " + live + " arrays live after the forward pass");
                        // the blocks' outputs, the skips' concatenations, upsampling and the output head: 38;
                        // with every block's temporaries kept it was 341
                        assertTrue(live < 80, "a block's temporaries must be freed when it returns: " + live + " arrays live");
                        if (gc != null) {
                            gc.backward(eps.sum());
                        }
                    }
                }
            }
        }
    }

    @Test
    void gradientsThroughTheScopedBlocksMatchFiniteDifferences() {
        try (NDManager m = Engines.newManager()) {
            Engine.getInstance().setRandomSeed(5);
            UNet net = new UNet(new UNetConfig(8, new int[] {1, 2}, 1, false, 4, 0).withClasses(10)).initialize(m, 8, 8);
            ParameterStore store = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 8, 8));
            NDArray t = m.create(new float[] {3, 15});
            NDArray y = m.create(new int[] {7, 10});
            NDArray w = m.randomNormal(new Shape(2, 1, 8, 8));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(net.predict(store, x, t, y, true).mul(w).sum());
            }
            String[] checked = {"input.weight", "down.0.res.0.conv1.weight", "down.0.res.0.norm2.gamma", "middle.res.1.conv2.weight",
                "up.0.res.0.time.weight", "time.dense1.weight", "label.weight", "out.conv.weight"};
            java.util.List<String> names = BlockCensus.parameterNames(net);
            java.util.List<Parameter> parameters = net.getParameters().values();
            for (String name : checked) {
                Parameter p = parameters.get(names.indexOf(name));
                NDArray value = p.getArray();
                float[] grad = value.getGradient().toFloatArray();
                int k = 0;
                for (int i = 1; i < grad.length; i++) {
                    k = Math.abs(grad[i]) > Math.abs(grad[k]) ? i : k;
                }
                double h = 1e-2;
                float[] v = value.toFloatArray();
                double[] loss = new double[2];
                for (int side = 0; side < 2; side++) {
                    float[] moved = v.clone();
                    moved[k] += (float) (side == 0 ? h : -h);
                    value.set(moved);
                    loss[side] = net.predict(store, x, t, y, false).mul(w).sum().getFloat();
                }
                value.set(v);
                double numeric = (loss[0] - loss[1]) / (2 * h);
                System.out.printf("%s[%d]: autograd %.5f, finite difference %.5f%n", name, k, grad[k], numeric);
                assertTrue(Math.abs(grad[k]) > 1e-3, name + " has a gradient: " + grad[k]);
                assertEquals(numeric, grad[k], 0.03 * Math.abs(grad[k]) + 2e-3, name + "[" + k + "]");
            }
        }
    }
}
