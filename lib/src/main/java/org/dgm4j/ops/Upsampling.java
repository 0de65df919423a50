package org.dgm4j.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Spatial upsampling from ops the PyTorch engine supports (it has no {@code Conv2dTranspose}).
 *
 * <p>Two learnable replacements for a stride-2 transposed convolution are offered:
 * {@link #nearestConv nearest upsampling followed by a convolution} (same parameter count as the
 * transposed convolution of the same kernel) and {@link #subPixelConv sub-pixel convolution} (a
 * convolution to {@code C·r²} channels then {@link #depthToSpace depth-to-space}). Both avoid the
 * zero-insertion form, which spends about 4× the compute on zeros. Every array op here is
 * differentiable.
 */
public final class Upsampling {

    /** How a decoder doubles its resolution. */
    public enum Mode {
        /** {@link #nearestConv}: nearest-neighbour ×r, then a k×k convolution. */
        NEAREST_CONV,
        /** {@link #subPixelConv}: k×k convolution to C·r² channels, then depth-to-space. */
        SUB_PIXEL
    }

    private Upsampling() {}

    /**
     * Nearest-neighbour upsampling of (B, C, H, W) by an integer {@code factor}:
     * {@code out[b, c, h, w] = x[b, c, h / factor, w / factor]}.
     */
    public static NDArray nearest(NDArray x, int factor) {
        Shape s = requireImages(x, "nearest");
        requirePositive(factor, "factor");
        long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return x.reshape(b, c, h, 1, w, 1)
                .broadcast(b, c, h, factor, w, factor)
                .reshape(b, c, h * factor, w * factor);
    }

    /**
     * Depth-to-space (PyTorch's {@code pixel_shuffle}): (B, C·r², H, W) to (B, C, H·r, W·r) with
     * {@code out[b, c, h·r + i, w·r + j] = x[b, c·r² + i·r + j, h, w]}.
     */
    public static NDArray depthToSpace(NDArray x, int r) {
        Shape s = requireImages(x, "depthToSpace");
        requirePositive(r, "block size r");
        long b = s.get(0), cr = s.get(1), h = s.get(2), w = s.get(3);
        if (cr % ((long) r * r) != 0) {
            throw new IllegalArgumentException("depthToSpace needs a channel count divisible by r^2 = "
                    + (r * r) + ", got " + cr + " channels (shape " + s + ")");
        }
        long c = cr / ((long) r * r);
        return x.reshape(b, c, r, r, h, w)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(b, c, h * r, w * r);
    }

    /** A parameter-free block applying {@link #nearest}. */
    public static Block nearestBlock(int factor) {
        requirePositive(factor, "factor");
        return LambdaBlock.singleton(x -> nearest(x, factor), "nearest" + factor);
    }

    /** A parameter-free block applying {@link #depthToSpace}. */
    public static Block depthToSpaceBlock(int r) {
        requirePositive(r, "block size r");
        return LambdaBlock.singleton(x -> depthToSpace(x, r), "depthToSpace" + r);
    }

    /**
     * Nearest ×{@code factor} then a {@code kernel}×{@code kernel} "same" convolution to
     * {@code filters} channels (odd kernel). Parameters: {@code (Cin·k² + 1)·filters}.
     */
    public static Block nearestConv(int filters, int kernel, int factor) {
        return new SequentialBlock()
                .add(nearestBlock(factor))
                .add(sameConv(filters, kernel));
    }

    /**
     * A {@code kernel}×{@code kernel} "same" convolution to {@code filters·r²} channels, then
     * depth-to-space by {@code r} (odd kernel). Parameters: {@code (Cin·k² + 1)·filters·r²}.
     */
    public static Block subPixelConv(int filters, int kernel, int r) {
        return new SequentialBlock()
                .add(sameConv(filters * r * r, kernel))
                .add(depthToSpaceBlock(r));
    }

    /** The upsampling block of {@code mode} (×{@code factor}, {@code kernel}×{@code kernel}, {@code filters} out). */
    public static Block block(Mode mode, int filters, int kernel, int factor) {
        return mode == Mode.SUB_PIXEL
                ? subPixelConv(filters, kernel, factor)
                : nearestConv(filters, kernel, factor);
    }

    /** A stride-1 convolution with padding k/2, which keeps H and W for an odd kernel. */
    public static Conv2d sameConv(int filters, int kernel) {
        requirePositive(filters, "filters");
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and positive to keep the size, got " + kernel);
        }
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .build();
    }

    private static Shape requireImages(NDArray x, String op) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException(op + " expects images (B, C, H, W), got shape " + s);
        }
        return s;
    }

    private static void requirePositive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }
}
