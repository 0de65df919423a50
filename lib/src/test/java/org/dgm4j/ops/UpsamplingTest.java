package org.dgm4j.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

class UpsamplingTest {

    private static final int B = 2, C = 3, H = 4, W = 5;

    @Test
    void nearestMatchesNaiveLoop() {
        int f = 3;
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.arange(B * C * H * W).toType(DataType.FLOAT32, false).reshape(B, C, H, W);
            float[] in = x.toFloatArray();
            float[] expected = new float[B * C * H * f * W * f];
            for (int b = 0; b < B; b++) {
                for (int c = 0; c < C; c++) {
                    for (int h = 0; h < H * f; h++) {
                        for (int w = 0; w < W * f; w++) {
                            expected[((b * C + c) * H * f + h) * W * f + w] =
                                    in[((b * C + c) * H + h / f) * W + w / f];
                        }
                    }
                }
            }
            NDArray out = Upsampling.nearest(x, f);
            assertEquals(new Shape(B, C, H * f, W * f), out.getShape());
            assertArrayEquals(expected, out.toFloatArray(), 0f);
        }
    }

    @Test
    void depthToSpaceMatchesNaiveLoop() {
        int r = 2;
        int cIn = C * r * r;
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.arange(B * cIn * H * W).toType(DataType.FLOAT32, false).reshape(B, cIn, H, W);
            float[] in = x.toFloatArray();
            float[] expected = new float[B * cIn * H * W];
            for (int b = 0; b < B; b++) {
                for (int c = 0; c < C; c++) {
                    for (int h = 0; h < H; h++) {
                        for (int w = 0; w < W; w++) {
                            for (int i = 0; i < r; i++) {
                                for (int j = 0; j < r; j++) {
                                    int src = ((b * cIn + c * r * r + i * r + j) * H + h) * W + w;
                                    int dst = ((b * C + c) * H * r + h * r + i) * W * r + w * r + j;
                                    expected[dst] = in[src];
                                }
                            }
                        }
                    }
                }
            }
            NDArray out = Upsampling.depthToSpace(x, r);
            assertEquals(new Shape(B, C, H * r, W * r), out.getShape());
            assertArrayEquals(expected, out.toFloatArray(), 0f);
        }
    }

    @Test
    void nearestGradientSumsOverEachBlock() {
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.ones(new Shape(1, 1, 2, 2));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Upsampling.nearest(x, 2).sum());
            }
            assertArrayEquals(new float[] {4f, 4f, 4f, 4f}, x.getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void blocksDoubleResolutionWithTheRequestedChannels() {
        for (Upsampling.Mode mode : Upsampling.Mode.values()) {
            try (NDManager m = Engines.newManager()) {
                Block block = Upsampling.block(mode, 6, 3, 2);
                block.initialize(m, DataType.FLOAT32, new Shape(2, 4, 7, 7));
                NDArray out = block.forward(new ParameterStore(), new NDList(m.ones(new Shape(2, 4, 7, 7))), false)
                        .singletonOrThrow();
                assertEquals(new Shape(2, 6, 14, 14), out.getShape(), mode.name());
                assertEquals(new Shape(2, 6, 14, 14), block.getOutputShapes(new Shape[] {new Shape(2, 4, 7, 7)})[0]);
            }
        }
    }

    @Test
    void badInputsAreRejected() {
        try (NDManager m = Engines.newManager()) {
            assertThrows(IllegalArgumentException.class, () -> Upsampling.depthToSpace(m.zeros(new Shape(1, 3, 2, 2)), 2));
            assertThrows(IllegalArgumentException.class, () -> Upsampling.nearest(m.zeros(new Shape(3, 2, 2)), 2));
            assertThrows(IllegalArgumentException.class, () -> Upsampling.sameConv(4, 2));
        }
    }
}
