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
    void tablesawTablesRenderAsEscapedHtmlRoundedPerColumnAndAreCutWhenLong() {
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
        // smallest value 1.12..: three significant digits there, so two decimals for the whole column
        assertTrue(html.contains(">100.12<"), html);
        assertTrue(html.contains(">1.13<"), html);
        assertEquals(12, html.split("<tr>", -1).length - 1, "header + 5 head + gap + 5 tail rows");

        Notebook.use(new ConsoleDisplay(() -> out, null));
        Notebook.show(t);
        assertTrue(printed().contains("history"));
        assertTrue(printed().contains("100.12"), printed());
        assertFalse(printed().contains("100.123456"), printed());
    }

    @Test
    void builtTablesRoundEachColumnAsDeclared() {
        TableHtml t = TableHtml.titled("Test set")
                .text("model").integer("parameters").decimals("ELBO", 1).decimals("share", 3).number("KL");
        t.row("conv <z=2>", 1_068_820L, -250.74860713704427, 0.5185185074806213, 0.0123456);
        t.row("mlp", 59_525, -101.25, 0.5f, null);
        String html = t.html();
        assertTrue(html.contains(">conv &lt;z=2&gt;<"), html);
        assertTrue(html.contains(">1,068,820<") && html.contains(">59,525<"), html);
        assertTrue(html.contains(">-250.7<") && html.contains(">-101.3<"), html);
        assertTrue(html.contains(">0.519<") && html.contains(">0.500<"), html);
        assertTrue(html.contains(">0.0123<"), "three significant digits of the smallest value: " + html);
        assertFalse(html.contains("0.5185185"), html);
        assertFalse(html.contains("250.748"), html);
        assertTrue(html.contains("text-align:left\">conv"), "text left-aligned: " + html);
        assertTrue(html.contains("(2 rows &times; 5 columns)"), html);
        String text = t.toString();
        assertTrue(text.startsWith("Test set\n"), text);
        assertTrue(text.contains("0.519") && !text.contains("0.5185"), text);
        assertEquals(4, text.lines().count(), "caption, header and two rows: " + text);

        Notebook.use(new ConsoleDisplay(() -> out, null));
        Notebook.show(t);
        assertTrue(printed().contains("-250.7"), printed());
    }

    @Test
    void builtTablesGiveTheirUnroundedValuesAsATablesawTable() {
        TableHtml t = TableHtml.titled("runs").text("model").integer("latent").integer("parameters").decimals("ELBO", 1);
        t.row("a", 2, 5_000_000_000L, -101.26);
        t.row("b", 10, 7L, null);
        Table q = t.table();
        assertEquals("runs", q.name());
        assertEquals(10, q.intColumn("latent").get(1));
        assertEquals(5_000_000_000L, q.longColumn("parameters").get(0));
        assertEquals(-101.26, q.doubleColumn("ELBO").get(0), 0);
        assertTrue(q.doubleColumn("ELBO").isMissing(1));
    }

    @Test
    void tableColumnsCanBeRoundedByNameAfterTheFact() {
        Table t = Table.create("sweep", DoubleColumn.create("beta", new double[] {0.5, 4}),
                DoubleColumn.create("recon", new double[] {101.23456, 99.5}));
        String html = TableHtml.of(t).decimals("recon", 0).html();
        assertTrue(html.contains(">101<") && html.contains(">100<"), html);
        assertTrue(html.contains(">0.5<") && html.contains(">4<"), "settings as given: " + html);
    }

    @Test
    void settingsAreWrittenAsGivenAndMeasurementsWithOneRoundingPerColumn() {
        TableHtml t = TableHtml.titled("sweep").number("β").number("KL");
        t.row(0.001, 0.123456).row(1.0, 2.5).row(128.0, 10.0);
        String html = t.html();
        assertTrue(html.contains(">0.001<") && html.contains(">1<") && html.contains(">128<"), html);
        assertTrue(html.contains(">0.123<") && html.contains(">2.500<") && html.contains(">10.000<"), html);
        assertTrue(TableHtml.areSettings(new double[] {0.8, 100, 0}));
        assertFalse(TableHtml.areSettings(new double[] {0.8, 0.5185185074806213}));
        assertEquals("0.001", TableHtml.shortest(0.001));
        assertEquals("250", TableHtml.shortest(250));
    }

    @Test
    void badTableInputIsRefusedWithTheColumnNamed() {
        TableHtml t = TableHtml.titled("t").text("model").decimals("ELBO", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
        assertTrue(e.getMessage().contains("2 values (model, ELBO), got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.row("m", "1.5"));
        assertTrue(e.getMessage().contains("column 'ELBO'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.text("model"));
        assertThrows(IllegalArgumentException.class, () -> t.decimals("model", 2));
        assertThrows(IllegalArgumentException.class, () -> t.decimals("KL", -1));
        t.row("m", 1.0);
        assertThrows(IllegalStateException.class, () -> t.number("late"));
    }

    @Test
    void automaticDecimalsGiveThreeSignificantDigitsOfTheSmallestValue() {
        assertEquals(0, TableHtml.autoDecimals(new double[] {3, 40, 1e6}));
        assertEquals(1, TableHtml.autoDecimals(new double[] {250.7486, 12.34}));
        assertEquals(3, TableHtml.autoDecimals(new double[] {0.5185185074806213, 0, Double.NaN}));
        assertEquals(4, TableHtml.autoDecimals(new double[] {1e-7, 2}));
        assertEquals("-1.50", TableHtml.format(-1.5, 2));
        assertEquals("0.00", TableHtml.format(-0.001, 2));
        assertEquals("12,346", TableHtml.format(12_345.6, 0));
        assertEquals("NaN", TableHtml.format(Double.NaN, 2));
    }
}
