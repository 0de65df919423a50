package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dgm4j.Engines;
import org.dgm4j.data.ImageDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ReconstructionError and LatentCodes against naive loops over the pixels, across several batches. */
class PerImageMetricsTest {

    private static final int N = 600; // more than two batches of 256, the last one partial
    private static final int H = 4;
    private static final int W = 3;

    private static NDManager manager;
    private static ImageDataset data;
    private static byte[] pixels;

    @BeforeAll
    static void setUp() {
        manager = Engines.newManager();
        pixels = new byte[N * H * W];
        new Random(3).nextBytes(pixels);
        int[] labels = new int[N];
        data = ImageDataset.of("random", manager, pixels, H, W, labels, List.of("0"), Map.of());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    private static double pixel(int image, int k) {
        return (pixels[image * H * W + k] & 0xff) / 255.0;
    }

    @Test
    void reconstructionErrorIsThePerImageMeanSquaredDifference() {
        // "reconstruction" x̂ = x²: the error of image i is the mean over pixels of (x - x²)².
        double[] e = ReconstructionError.perImage(data, NDArray::square);
        assertEquals(N, e.length);
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int k = 0; k < H * W; k++) {
                double v = pixel(i, k);
                s += (v - v * v) * (v - v * v);
            }
            assertEquals(s / (H * W), e[i], 1e-6, "image " + i);
        }
        double[] perfect = ReconstructionError.perImage(data, x -> x);
        assertArrayEquals(new double[N], perfect, 0);
    }

    @Test
    void reconstructionErrorRejectsMisshapenReconstructions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReconstructionError.perImage(data, x -> x.reshape(x.getShape().get(0), -1)));
        assertEquals(true, e.getMessage().contains("differ in shape"));
    }

    @Test
    void codesComeInDataOrderOneRowPerImage() {
        // code = (mean of the image, first pixel)
        float[][] z = LatentCodes.of(data, x -> {
            NDArray flat = x.reshape(x.getShape().get(0), -1);
            return flat.mean(new int[] {1}, true).concat(flat.get(":, 0:1"), 1);
        });
        assertEquals(N, z.length);
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int k = 0; k < H * W; k++) {
                s += pixel(i, k);
            }
            assertEquals(s / (H * W), z[i][0], 1e-5, "mean of image " + i);
            assertEquals(pixel(i, 0), z[i][1], 1e-6, "first pixel of image " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> LatentCodes.of(data, x -> x));
    }

    @Test
    void nearestDistancesMatchHandComputedValues() {
        float[][] codes = {{0, 0}, {3, 4}, {10, 0}};
        float[][] queries = {{0, 0}, {3, 5}, {6, 0}, {-3, -4}};
        assertArrayEquals(new double[] {0, 1, 4, 5}, LatentCodes.nearestDistances(codes, queries), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> LatentCodes.nearestDistances(codes, new float[][] {{1, 2, 3}}));
        assertThrows(IllegalArgumentException.class,
                () -> LatentCodes.nearestDistances(new float[0][], queries));
    }
}
