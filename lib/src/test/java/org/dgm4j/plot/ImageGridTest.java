package org.dgm4j.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.dgm4j.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static float[][] randomImages(int n, int h, int w, long seed) {
        Random r = new Random(seed);
        float[][] images = new float[n][h * w];
        for (float[] img : images) {
            for (int i = 0; i < img.length; i++) {
                img[i] = r.nextFloat();
            }
        }
        return images;
    }

    private static int grey(BufferedImage img, Point p) {
        int rgb = img.getRGB(p.x, p.y);
        int r = (rgb >> 16) & 0xFF;
        assertEquals(r, (rgb >> 8) & 0xFF, "grey pixels have equal channels");
        assertEquals(r, rgb & 0xFF, "grey pixels have equal channels");
        return r;
    }

    @Test
    void plainGridHasTheExpectedSize() {
        GrayImages images = GrayImages.of(randomImages(7, 28, 28, 1), 28, 28);
        BufferedImage img = ImageGrid.of(images, 3).scale(2).padding(2).render();
        int margin = 8;
        assertEquals(2 * margin + 3 * 56 + 2 * 2, img.getWidth());
        assertEquals(2 * margin + 3 * 56 + 2 * 2, img.getHeight(), "7 images in rows of 3 make 3 rows");
    }

    @Test
    void everyDrawnPixelShowsItsInputValueEvenWithLabelsAndCaptions() {
        float[][] data = randomImages(6, 5, 4, 2);
        data[4][0] = 0f;
        data[4][1] = 1f;
        GrayImages images = GrayImages.of(data, 5, 4);
        ImageGrid grid = ImageGrid.of(images, 3).scale(3).title("A title").rowLabels(List.of("first", "second"))
                .columnLabels(List.of("a", "b", "c")).captions(List.of("0", "1", "2", "3", "4", "5"))
                .axisTitles("x", "y");
        BufferedImage img = grid.render();
        for (int i = 0; i < 6; i++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 4; x++) {
                    Point p = grid.pixel(i / 3, i % 3, y, x);
                    int expected = Math.round(data[i][y * 4 + x] * 255f);
                    for (int d = 0; d < 3; d++) { // the whole enlarged square has the value
                        assertEquals(expected, grey(img, new Point(p.x + d, p.y + 2 - d)),
                                "image " + i + " pixel (" + y + "," + x + ")");
                    }
                }
            }
        }
        assertEquals(0, grey(img, grid.pixel(1, 1, 0, 0)));
        assertEquals(255, grey(img, grid.pixel(1, 1, 0, 1)));
    }

    @Test
    void ndarrayLayoutsAreReadInRowMajorOrder() {
        float[] values = new float[2 * 3 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / (float) (values.length - 1);
        }
        NDArray a4 = manager.create(values, new Shape(2, 1, 3, 4));
        NDArray a3 = manager.create(values, new Shape(2, 3, 4));
        for (NDArray a : List.of(a4, a3)) {
            GrayImages g = GrayImages.of(a);
            assertEquals(2, g.count());
            assertEquals(3, g.height());
            assertEquals(4, g.width());
            assertEquals(values[12 + 2 * 4 + 1], g.value(1, 2, 1));
        }
        GrayImages one = GrayImages.of(manager.create(new float[] {0.25f, 0.5f}, new Shape(1, 2)));
        assertEquals(1, one.count());
        assertEquals(0.5f, one.value(0, 0, 1));
    }

    @Test
    void badInputsAreRejectedWithAdvice() {
        NDArray logits = manager.create(new float[] {-2f, 3f, 0.5f, 0.1f}, new Shape(1, 1, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GrayImages.of(logits));
        assertTrue(e.getMessage().contains("sigmoid"), e.getMessage());
        NDArray rgb = manager.zeros(new Shape(2, 3, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> GrayImages.of(rgb.reshape(2, 3, 4, 2, 2)));
        NDArray flat = manager.zeros(new Shape(2, 3, 4, 4)).get(":,0:2");
        assertThrows(IllegalArgumentException.class, () -> GrayImages.of(flat));
    }

    @Test
    void reconstructionsPairRowsAndWrapIntoBlocks() {
        NDArray a = manager.randomUniform(0f, 1f, new Shape(15, 1, 28, 28));
        NDArray b = manager.randomUniform(0f, 1f, new Shape(15, 1, 28, 28));
        BufferedImage img = ImageGrids.reconstructions(a, b);
        BufferedImage oneBlock = ImageGrids.reconstructions(a.get("0:12"), b.get("0:12"));
        assertEquals(oneBlock.getWidth(), img.getWidth(), "12 per row at most");
        assertTrue(img.getHeight() > 2 * oneBlock.getHeight() - 40, "15 images make two blocks of two rows");
        assertThrows(IllegalArgumentException.class, () -> ImageGrids.reconstructions(a, b.get("0:14")));
    }

    @Test
    void manifoldPointsRunLeftToRightAndTopToBottom() {
        float[][] z = ImageGrids.manifoldPoints(3, 1.5);
        assertArrayEquals(new float[] {-1.5f, 1.5f}, z[0]);
        assertArrayEquals(new float[] {0f, 1.5f}, z[1]);
        assertArrayEquals(new float[] {-1.5f, 0f}, z[3]);
        assertArrayEquals(new float[] {1.5f, -1.5f}, z[8]);
    }

    @Test
    void figureHelpersRenderAndCheckCounts() {
        NDArray imgs = manager.randomUniform(0f, 1f, new Shape(70, 1, 28, 28));
        BufferedImage m = ImageGrids.manifold(imgs.get("0:64"), 8, 1.5);
        assertTrue(m.getWidth() > 8 * 84 && m.getHeight() > 8 * 84);
        BufferedImage t = ImageGrids.traversal(imgs, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                ImageGrids.linspace(-3, 3, 7));
        assertTrue(t.getHeight() > t.getWidth(), "10 rows x 7 columns is taller than wide");
        assertTrue(ImageGrids.interpolations(imgs.get("0:24"), 8).getWidth() > 8 * 84);
        assertThrows(IllegalArgumentException.class, () -> ImageGrids.interpolations(imgs.get("0:25"), 8));
        assertThrows(IllegalArgumentException.class, () -> ImageGrids.manifold(imgs.get("0:63"), 8, 1.5));
        assertThrows(IllegalArgumentException.class,
                () -> ImageGrids.captioned(imgs.get("0:4"), 2, List.of("0°", "90°")));
        assertEquals(64, GrayImages.of(manager.zeros(new Shape(1, 64, 64))).width());
        assertEquals(64 + 2 * 8, ImageGrid.of(manager.zeros(new Shape(1, 1, 64, 64)), 1).render().getWidth(),
                "64x64 images are drawn at scale 1 by default, plus margins");
    }

    @Test
    void concatenationPlacesPanelsSideBySide() {
        BufferedImage a = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
        a.setRGB(99, 0, 0x123456);
        b.setRGB(0, 79, 0x654321);
        BufferedImage h = Images.hconcat(a, b);
        assertEquals(100 + Images.GAP + 60, h.getWidth());
        assertEquals(80, h.getHeight());
        assertEquals(0x123456, h.getRGB(99, 0) & 0xFFFFFF);
        assertEquals(0x654321, h.getRGB(100 + Images.GAP, 79) & 0xFFFFFF);
        assertEquals(0xFFFFFF, h.getRGB(105, 10) & 0xFFFFFF, "the gap is white");
        BufferedImage v = Images.vconcat(a, b);
        assertEquals(100, v.getWidth());
        assertEquals(50 + Images.GAP + 80, v.getHeight());
        BufferedImage titled = Images.hconcat(List.of("β = 1", "β = 4"), List.of(a, b));
        assertTrue(titled.getHeight() > 80);
    }
}
