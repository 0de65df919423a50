package org.dgm4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class NotebookTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

    @AfterEach
    void reset() {
        Notebook.use(null);
    }

    private String printed() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static BufferedImage redSquare() {
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                img.setRGB(x, y, Color.RED.getRGB());
            }
        }
        return img;
    }

    @Test
    void outsideAKernelTheConsoleIsUsed() {
        assertTrue(KernelDisplay.find().isEmpty());
        assertFalse(Notebook.inNotebook());
        assertTrue(Notebook.display() instanceof ConsoleDisplay);
    }

    @Test
    void consolePrintsTextAndEachUpdateOnItsOwnLine() {
        Notebook.use(new ConsoleDisplay(() -> out, null));
        DisplayHandle h = Notebook.live("epoch 1/3");
        h.update("epoch 2/3");
        h.update("epoch 3/3");
        assertFalse(h.inPlace());
        assertEquals("epoch 1/3\nepoch 2/3\nepoch 3/3\n", printed().replace("\r\n", "\n"));
    }

    @Test
    void consoleDescribesImagesAndSavesNothingWithoutAFigureDirectory(@TempDir Path dir) throws Exception {
        Notebook.use(new ConsoleDisplay(() -> out, null));
        DisplayHandle h = Notebook.live(redSquare());
        h.update(redSquare());
        assertEquals("[image 7x5]\n", printed().replace("\r\n", "\n"));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void consoleSavesImagesAndRewritesThemOnUpdate(@TempDir Path dir) throws Exception {
        ConsoleDisplay console = new ConsoleDisplay(() -> out, dir);
        Notebook.use(console);
        DisplayHandle h = Notebook.live(redSquare());
        Path file = console.fileFor(h.id());
        assertEquals("figure-001.png", file.getFileName().toString());
        assertTrue(printed().contains("saved to " + file));
        assertEquals(Color.RED.getRGB(), ImageIO.read(file.toFile()).getRGB(3, 2));

        BufferedImage blue = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        blue.setRGB(1, 1, Color.BLUE.getRGB());
        h.update(blue);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(3, back.getWidth());
        assertEquals(Color.BLUE.getRGB(), back.getRGB(1, 1));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }

    @Test
    void kernelDisplaySendsMimeBundlesWithDisplayIdsAndUpdatesInPlace() throws Exception {
        FakeKernel kernel = new FakeKernel();
        Notebook.use(new KernelDisplay("Fake", kernel));
        assertTrue(Notebook.inNotebook());

        DisplayHandle h = Notebook.live(redSquare());
        assertEquals(1, kernel.shown.size());
        FakeKernel.DisplayData shown = kernel.shown.get(0);
        assertEquals(h.id(), shown.displayId);
        assertEquals("[image 7x5]", shown.data.get(MimeBundle.TEXT));
        byte[] png = Base64.getDecoder().decode((String) shown.data.get(MimeBundle.PNG));
        assertEquals(Color.RED.getRGB(), ImageIO.read(new ByteArrayInputStream(png)).getRGB(0, 0));

        h.update("done");
        FakeKernel.DisplayStream stream = kernel.getIO().display;
        assertEquals(java.util.List.of(h.id()), stream.updatedIds);
        assertEquals(Map.of(MimeBundle.TEXT, "done"), stream.updates.get(0).data);
        assertEquals(1, kernel.shown.size(), "an update must not add a new output");
    }

    @Test
    void kernelWithoutTheProtocolIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KernelDisplay("Odd", new Object()));
        assertTrue(e.getMessage().contains("display(DisplayData)"), e.getMessage());
    }

    @Test
    void htmlKeepsAPlainTextAlternative() {
        FakeKernel kernel = new FakeKernel();
        Notebook.use(new KernelDisplay("Fake", kernel));
        Notebook.showHtml("<p>a &lt; b</p><b>bold</b>");
        Map<String, Object> data = kernel.shown.get(0).data;
        assertEquals("<p>a &lt; b</p><b>bold</b>", data.get(MimeBundle.HTML));
        assertEquals("a < b\nbold", data.get(MimeBundle.TEXT));
    }

    @Test
    void bundleWithoutPlainTextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MimeBundle.of(Map.of(MimeBundle.HTML, "<b>x</b>")));
    }

    @Test
    void tablesRenderAsEscapedHtmlWithFormattedNumbersAndAreCutWhenLong() {
        int n = 100;
        double[] loss = new double[n];
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            loss[i] = 100.0 / (i + 1) + 0.123456;
            names[i] = "run<" + i + ">";
        }
        Table t = Table.create("history", StringColumn.create("run", names), DoubleColumn.create("loss", loss));
        String html = TableHtml.render(t, 10);
        assertTrue(html.contains("history"));
        assertTrue(html.contains("100 rows &times; 2 columns"));
        assertTrue(html.contains("run&lt;0&gt;"));
        assertTrue(html.contains("run&lt;99&gt;"));
        assertFalse(html.contains("run&lt;50&gt;"));
        assertTrue(html.contains("90 rows"));
        assertTrue(html.contains(">100.1<"), "four significant digits");
        assertEquals(12, html.split("<tr>", -1).length - 1, "header + 5 head + gap + 5 tail rows");

        Notebook.use(new ConsoleDisplay(() -> out, null));
        Notebook.show(t);
        assertTrue(printed().contains("history"));
    }

    @Test
    void numbersAreFormattedReadably() {
        assertEquals("3", TableHtml.formatNumber(3.0));
        assertEquals("0.1235", TableHtml.formatNumber(0.123456));
        assertEquals("105.6", TableHtml.formatNumber(105.6));
        assertEquals("1.000e-04", TableHtml.formatNumber(1e-4));
        assertEquals("NaN", TableHtml.formatNumber(Double.NaN));
        assertNotNull(TableHtml.formatNumber(-2.5e7));
    }
}
