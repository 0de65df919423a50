package org.dgm4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Putting panels together, and what a plot cell says when the cell that makes its panels failed. */
@Tag("faults")
class ImagesTest {

    @Test
    void panelsSideBySideAndStacked() {
        BufferedImage a = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(30, 5, BufferedImage.TYPE_INT_RGB);
        BufferedImage h = Images.hconcat(a, b);
        assertEquals(10 + Images.GAP + 30, h.getWidth());
        assertEquals(20, h.getHeight());
        BufferedImage v = Images.vconcat(a, b);
        assertEquals(30, v.getWidth());
        assertEquals(20 + Images.GAP + 5, v.getHeight());
    }

    @Test
    void noPanelsSaysWhatIsMissingAndWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Images.hconcat(List.of(), List.of()));
        assertTrue(e.getMessage().contains("the list of panels is empty")
                && e.getMessage().contains("a training or plotting cell above) failed or has not run yet"),
                e.getMessage());
    }
}
