package org.dgm4j.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for IDX files (the MNIST format): a big-endian magic number ({@value #LABELS_MAGIC} for
 * unsigned-byte vectors, {@value #IMAGES_MAGIC} for unsigned-byte 3-d arrays), one big-endian int32 per
 * dimension, then the bytes. Files may be raw or gzipped; gzip is recognised by its magic bytes
 * {@code 1f 8b}, not by the file name. A file is read and validated completely before anything is
 * returned, so callers never see half-loaded data.
 */
public final class Idx {

    /** Magic number of an unsigned-byte vector (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of an unsigned-byte 3-d array (images). */
    public static final int IMAGES_MAGIC = 0x00000803;

    private static final long SATURATION = 1L << 40;
    private static final String REFETCH = "Delete it and run ./environment/setup to fetch it again.";

    /** Images read from an IDX file: {@code count} row-major {@code rows x cols} images. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    private Idx() {}

    /** Reads an image file (magic {@value #IMAGES_MAGIC}). */
    public static Images readImages(Path file) {
        byte[] bytes = readBytes(file);
        int[] dims = header(file, bytes, IMAGES_MAGIC);
        byte[] pixels = body(file, bytes, dims);
        return new Images(dims[0], dims[1], dims[2], pixels);
    }

    /** Reads a label file (magic {@value #LABELS_MAGIC}) as values 0..255. */
    public static int[] readLabels(Path file) {
        byte[] bytes = readBytes(file);
        int[] dims = header(file, bytes, LABELS_MAGIC);
        byte[] raw = body(file, bytes, dims);
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labels[i] = raw[i] & 0xff;
        }
        return labels;
    }

    /** The file's content, gunzipped when it starts with the gzip magic bytes. */
    static byte[] readBytes(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException("IDX file not found: " + file.toAbsolutePath() + ". Fix: " + DataPaths.FIX
                    + ".", e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file.toAbsolutePath() + ": " + e, e);
        }
        if (startsWithGzipMagic(bytes)) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new DataException("Corrupt gzip file " + file.toAbsolutePath() + " (" + e.getMessage()
                        + "). " + REFETCH, e);
            }
        }
        return bytes;
    }

    private static int[] header(Path file, byte[] bytes, int expectedMagic) {
        int rank = expectedMagic & 0xff;
        int headerBytes = 4 + 4 * rank;
        if (bytes.length < 4) {
            throw new DataException(file.toAbsolutePath() + " is truncated: " + count(bytes.length, "byte")
                    + ", too short for an IDX header (" + headerBytes + " bytes). " + REFETCH);
        }
        int magic = readInt(bytes, 0);
        if (magic != expectedMagic) {
            throw new DataException(file.toAbsolutePath() + " has the wrong magic number: found " + magic
                    + String.format(" (0x%08x%s)", magic, describe(magic)) + ", expected " + expectedMagic
                    + String.format(" (0x%08x%s)", expectedMagic, describe(expectedMagic))
                    + ". Check that the file is the one named (images and labels not swapped) and not"
                    + " corrupt. " + REFETCH);
        }
        if (bytes.length < headerBytes) {
            throw new DataException(file.toAbsolutePath() + " is truncated: expected a " + headerBytes
                    + "-byte header, found " + count(bytes.length, "byte") + ". " + REFETCH);
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(bytes, 4 + 4 * d);
            if (dims[d] < 0) {
                throw new DataException(file.toAbsolutePath() + " is corrupt: dimension " + d
                        + " of its header is " + dims[d] + ". " + REFETCH);
            }
        }
        return dims;
    }

    private static byte[] body(Path file, byte[] bytes, int[] dims) {
        int headerBytes = 4 + 4 * dims.length;
        long dataBytes = 1;
        StringBuilder shape = new StringBuilder();
        for (int d : dims) {
            dataBytes = (double) dataBytes * d > SATURATION ? SATURATION : dataBytes * d;
            shape.append(shape.length() == 0 ? "" : " x ").append(d);
        }
        long expected = headerBytes + dataBytes;
        if (expected > Integer.MAX_VALUE - 16) {
            throw new DataException(file.toAbsolutePath() + " declares " + shape
                    + " bytes of data, too large to be an MNIST-like file; it is probably corrupt. " + REFETCH);
        }
        if (bytes.length != expected) {
            String what = bytes.length < expected ? " is truncated" : " has " + count(bytes.length - expected, "byte")
                    + " more than its header declares";
            throw new DataException(file.toAbsolutePath() + what + ": expected " + expected + " bytes ("
                    + headerBytes + "-byte header + " + shape + " data), found " + bytes.length
                    + (isGzip(file) ? " after decompression" : "") + ". " + REFETCH);
        }
        byte[] data = new byte[(int) dataBytes];
        System.arraycopy(bytes, headerBytes, data, 0, data.length);
        return data;
    }

    private static boolean startsWithGzipMagic(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    private static boolean isGzip(Path file) {
        try (var in = Files.newInputStream(file)) {
            return startsWithGzipMagic(in.readNBytes(2));
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(int magic) {
        return switch (magic) {
            case LABELS_MAGIC -> ", IDX labels: unsigned bytes, 1 dimension";
            case IMAGES_MAGIC -> ", IDX images: unsigned bytes, 3 dimensions";
            default -> ", not an IDX unsigned-byte file";
        };
    }

    /** {@code "1 byte"}, {@code "2 bytes"}: a count with its noun in the right number. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
