package org.dgm4j.plot;

import java.awt.Color;

/** Sequential colour maps (perceptually uniform, colour-blind safe) for heat maps and binned values. */
public enum Colormap {
    /** matplotlib's viridis: dark purple to yellow. */
    VIRIDIS(0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725),
    /** A diverging blue-white-red map for signed values such as correlations. */
    BLUE_RED(0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B);

    private final Color[] stops;

    Colormap(int... rgb) {
        stops = new Color[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            stops[i] = new Color(rgb[i]);
        }
    }

    /** The colour at {@code t} in [0, 1] (clamped), interpolated linearly between stops. */
    public Color at(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) x);
        double f = x - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** The stops (a copy). */
    public Color[] stops() {
        return stops.clone();
    }
}
