package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static History sample() {
        History h = new History();
        for (int e = 1; e <= 3; e++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("train/total", 100.0 / e + 1e-13);
            m.put("train/kl", Math.PI * e);
            m.put("val/total", 110.0 / e);
            h.add(m, 0.1 * e);
        }
        return h;
    }

    @Test
    void tableHasEpochSecondsAndOneColumnPerMetric() {
        Table t = sample().table();
        assertEquals(List.of("epoch", "seconds", "train/total", "train/kl", "val/total"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals(2, t.intColumn("epoch").get(1));
        assertEquals(110.0 / 3, t.doubleColumn("val/total").get(2), 0.0);
    }

    @Test
    void csvRoundTripIsExact() {
        History h = sample();
        History back = History.fromCsv(h.toCsv());
        assertEquals(h.metrics(), back.metrics());
        for (String m : h.metrics()) {
            assertArrayEquals(h.series(m), back.series(m), 0.0);
        }
        assertArrayEquals(h.seconds(), back.seconds(), 0.0);
    }

    @Test
    void unknownMetricAndMalformedCsvAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sample().series("val/kl"));
        assertEquals("No metric 'val/kl' in this history; known: [train/total, train/kl, val/total]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> History.fromCsv("epoch,seconds,a\n1,0.5\n"));
        assertThrows(IllegalArgumentException.class, () -> History.fromCsv("garbage"));
    }
}
