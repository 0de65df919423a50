package org.dgm4j.diffusion;

import java.util.Arrays;
import org.dgm4j.Profile;

/**
 * Shape of a {@link UNet}: channels of the first level ({@code baseChannels}), one width multiplier
 * per resolution level, residual blocks per level, whether the lowest resolution has self-attention,
 * the GroupNorm group count, the zero padding added on each side of the input (2 turns 28×28
 * into 32×32, whose resolutions halve cleanly four times) and the number of class labels K of a
 * conditional network (0: unconditional; K > 1 adds a {@link LabelEmbedding} with a null label K), and
 * whether the residual blocks take the embedding as a scale and a shift ({@link ResidualBlock}) rather than as an offset.
 */
public record UNetConfig(int baseChannels, int[] multipliers, int resBlocks, boolean attention, int groups, int padding,
        int classes, boolean scaleShift) {

    /** Validates the widths (every width must be divisible by the group count) and the class count. */
    public UNetConfig {
        if (baseChannels < 1 || resBlocks < 1 || groups < 1 || padding < 0) {
            throw new IllegalArgumentException("UNetConfig needs baseChannels, resBlocks, groups >= 1 and padding >= 0, got "
                    + baseChannels + ", " + resBlocks + ", " + groups + ", " + padding);
        }
        if (classes < 0 || classes == 1) {
            throw new IllegalArgumentException("UNetConfig classes must be 0 (unconditional) or >= 2, got " + classes);
        }
        if (multipliers == null || multipliers.length < 1) {
            throw new IllegalArgumentException("UNetConfig needs at least one width multiplier (one per resolution level)");
        }
        multipliers = multipliers.clone();
        for (int m : multipliers) {
            if (m < 1 || (baseChannels * m) % groups != 0) {
                throw new IllegalArgumentException("width " + baseChannels + "×" + m + " is not divisible by "
                        + groups + " GroupNorm groups; change baseChannels, multipliers or groups");
            }
        }
    }

    /** An unconditional configuration with offset conditioning. */
    public UNetConfig(int baseChannels, int[] multipliers, int resBlocks, boolean attention, int groups, int padding) {
        this(baseChannels, multipliers, resBlocks, attention, groups, padding, 0, false);
    }

    /** The same network conditioned on {@code count} class labels (0: unconditional). */
    public UNetConfig withClasses(int count) {
        return new UNetConfig(baseChannels, multipliers, resBlocks, attention, groups, padding, count, scaleShift);
    }

    /** The same network with scale-shift ({@code true}) or offset ({@code false}) conditioning. */
    public UNetConfig withScaleShift(boolean on) {
        return new UNetConfig(baseChannels, multipliers, resBlocks, attention, groups, padding, classes, on);
    }

    /**
     * The CPU configuration: 28×28 → 14 → 7, widths 16/32/64, one residual block per level, no attention
     * (most of the cost of a U-Net is at full resolution, so the first level is kept narrow).
     */
    public static UNetConfig small() {
        return new UNetConfig(16, new int[] {1, 2, 4}, 1, false, 8, 0);
    }

    /**
     * The GPU configuration, close to the reference study's 3.3M-parameter U-Net: 28×28 → 14 → 7, widths
     * 48/96/96 (3.58M parameters), two residual blocks per level, self-attention at 7×7.
     */
    public static UNetConfig large() {
        return new UNetConfig(48, new int[] {1, 2, 2}, 2, true, 8, 0);
    }

    /** {@link #small()} for the smoke and quick profiles, {@link #large()} for full. */
    public static UNetConfig forProfile(Profile profile) {
        return profile.pick(small(), small(), large());
    }

    /** A copy of the multipliers. */
    @Override
    public int[] multipliers() {
        return multipliers.clone();
    }

    /** Number of resolution levels. */
    public int levels() {
        return multipliers.length;
    }

    /** Channel width of {@code level}. */
    public int width(int level) {
        return baseChannels * multipliers[level];
    }

    /** A stable description, used in checkpoint keys. */
    public String describe() {
        return "unet-b" + baseChannels + "-m" + Arrays.toString(multipliers).replaceAll("[\\[\\] ]", "").replace(',', '.')
                + "-r" + resBlocks + (attention ? "-attn" : "") + "-g" + groups + "-p" + padding + (classes > 0 ? "-c" + classes : "")
                + (scaleShift ? "-ss" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UNetConfig c && c.baseChannels == baseChannels && Arrays.equals(c.multipliers, multipliers)
                && c.resBlocks == resBlocks && c.attention == attention && c.groups == groups && c.padding == padding
                && c.classes == classes && c.scaleShift == scaleShift;
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
