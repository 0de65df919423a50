package org.dgm4j.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Composition of finished figures: side by side (for comparisons) or stacked, with optional titles. */
public final class Images {

    /** White space between panels, in pixels. */
    public static final int GAP = 16;

    private Images() {}

    /** Panels side by side, top-aligned, on white. */
    public static BufferedImage hconcat(BufferedImage... panels) {
        return concat(true, Arrays.asList(panels), null);
    }

    /** Panels side by side, each with a title above it. */
    public static BufferedImage hconcat(List<String> titles, List<BufferedImage> panels) {
        return concat(true, panels, titles);
    }

    /** Panels stacked top to bottom, left-aligned, on white. */
    public static BufferedImage vconcat(BufferedImage... panels) {
        return concat(false, Arrays.asList(panels), null);
    }

    /** Panels stacked top to bottom, each with a title above it. */
    public static BufferedImage vconcat(List<String> titles, List<BufferedImage> panels) {
        return concat(false, panels, titles);
    }

    private static BufferedImage concat(boolean horizontal, List<BufferedImage> panels, List<String> titles) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("No images to put together: the list of panels is empty."
                    + " Usually the cell that makes them (a training or plotting cell above) failed or has"
                    + " not run yet: run it, then this cell.");
        }
        if (titles != null && titles.size() != panels.size()) {
            throw new IllegalArgumentException(titles.size() + " titles for " + panels.size() + " images");
        }
        int titleHeight = 0;
        FontMetrics fm;
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            fm = probe.getFontMetrics(PlotStyle.AXIS_TITLE_FONT);
        } finally {
            probe.dispose();
        }
        if (titles != null) {
            titleHeight = fm.getHeight() + 6;
        }
        List<int[]> origins = new ArrayList<>();
        int width = 0;
        int height = 0;
        for (int i = 0; i < panels.size(); i++) {
            BufferedImage p = panels.get(i);
            int w = Math.max(p.getWidth(), titles == null ? 0 : fm.stringWidth(titles.get(i)));
            int h = p.getHeight() + titleHeight;
            if (horizontal) {
                origins.add(new int[] {width, 0, w});
                width += w + (i + 1 < panels.size() ? GAP : 0);
                height = Math.max(height, h);
            } else {
                origins.add(new int[] {0, height, w});
                height += h + (i + 1 < panels.size() ? GAP : 0);
                width = Math.max(width, w);
            }
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(PlotStyle.AXIS_TITLE_FONT);
            g.setColor(Color.BLACK);
            for (int i = 0; i < panels.size(); i++) {
                int[] o = origins.get(i);
                BufferedImage p = panels.get(i);
                if (titles != null) {
                    String t = titles.get(i);
                    g.drawString(t, o[0] + (o[2] - fm.stringWidth(t)) / 2, o[1] + fm.getAscent());
                }
                g.drawImage(p, o[0] + (o[2] - p.getWidth()) / 2, o[1] + titleHeight, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
