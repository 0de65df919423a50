package org.dgm4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ResultsTest {

    @TempDir
    Path dir;

    private static JsonObject read(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void figuresRoundTripThroughJsonExactly() throws Exception {
        Path file = dir.resolve("07-ddpm.ipynb.results.json");
        Results results = new Results(file, "smoke");
        double[] values = {0.8125, 135.04901960784315, 1e-7, -3, 600, 1.0 / 3};
        for (int i = 0; i < values.length; i++) {
            results.put("07/ddpm/figure" + i, values[i], i == 1 ? "classifier FD \"N = 256\"\\ok" : "");
        }
        results.put("07/ddim50/fd", Double.NaN, "");

        JsonObject json = read(file);
        assertEquals(1, json.get("format").getAsInt());
        assertEquals("smoke", json.get("profile").getAsString());
        JsonArray figures = json.getAsJsonArray("figures");
        assertEquals(values.length + 1, figures.size());
        for (int i = 0; i < values.length; i++) {
            JsonObject f = figures.get(i).getAsJsonObject();
            assertEquals("07/ddpm/figure" + i, f.get("key").getAsString());
            assertEquals(values[i], f.get("value").getAsDouble(), 0.0, "value of figure " + i);
        }
        assertEquals("classifier FD \"N = 256\"\\ok", figures.get(1).getAsJsonObject().get("note").getAsString());
        assertTrue(figures.get(values.length).getAsJsonObject().get("value").isJsonNull(), "NaN is written as null");
    }

    @Test
    void reRecordingAKeyReplacesItsValueInPlace() throws Exception {
        Path file = dir.resolve("nb.results.json");
        Results results = new Results(file, "quick");
        results.put("02/mlp-z2/test_neg_elbo", 180.4, "nats");
        results.put("02/plane_digits_found", 5, "");
        results.put("02/mlp-z2/test_neg_elbo", 145.2, "nats");

        List<Results.Figure> all = results.all();
        assertEquals(List.of("02/mlp-z2/test_neg_elbo", "02/plane_digits_found"),
                all.stream().map(Results.Figure::key).toList());
        assertEquals(145.2, all.get(0).value(), 0.0);
        JsonArray figures = read(file).getAsJsonArray("figures");
        assertEquals(2, figures.size());
        assertEquals(145.2, figures.get(0).getAsJsonObject().get("value").getAsDouble(), 0.0);
    }

    @Test
    void theFileIsReplacedByAMoveNeverRewrittenInPlace() throws Exception {
        Path file = dir.resolve("nb.results.json");
        Results results = new Results(file, "quick");
        results.put("05/angle_r2", 0.5, "");
        String before = Files.readString(file, StandardCharsets.UTF_8);
        try (InputStream open = Files.newInputStream(file)) {
            results.put("05/angle_r2", 0.91, "");
            results.put("05/mig", 0.07, "");
            // A reader that opened the old file still sees it whole: the new one is a different file.
            assertEquals(before, new String(open.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("0.91"));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void badKeysAreRejectedWithTheExpectedForm() {
        Results results = new Results(null, "quick");
        for (String bad : new String[] {"test_elbo", "2/mlp/elbo", "02", "02/", "02/MLP/elbo", "02//elbo",
                "02/mlp z2/elbo", "02/-x", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> results.put(bad, 1, ""),
                    "key '" + bad + "'");
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("02/mlp-z2/test_neg_elbo"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> results.put("02/x", 1, "two\nlines"));
        assertTrue(results.all().isEmpty(), "rejected figures are not kept");
    }

    @Test
    void withoutAFileFiguresStayInMemoryAndShowAsATable() {
        Results results = new Results(null, "quick");
        results.put("04/beta4/active_units", 4, "of 10");
        results.put("04/beta1/test_neg_elbo", 101.25, "nats");
        Table t = results.asTable();
        assertEquals(2, t.rowCount());
        assertEquals("04/beta1/test_neg_elbo", t.stringColumn("figure").get(1));
        assertEquals(101.25, t.doubleColumn("value").get(1), 0.0);
        assertEquals("of 10", t.stringColumn("note").get(0));
    }

    @Test
    void anUnwritableFileFailsWithTheVariableToUnset() throws Exception {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where a folder should be");
        Results results = new Results(blocked.resolve("nb.results.json"), "quick");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> results.put("06/seeds", 2, ""));
        assertTrue(e.getMessage().contains(Results.ENV), e.getMessage());
    }
}
