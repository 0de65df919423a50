package org.dgm4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {}

    /** The bytes of an IDX file with this magic, these dimensions and this data. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** {@code n} images of {@code h x w} whose pixel {@code p} of image {@code i} is {@code (i * 7 + p) % 256}. */
    static byte[] pattern(int n, int h, int w) {
        byte[] px = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < h * w; p++) {
                px[i * h * w + p] = (byte) ((i * 7 + p) % 256);
            }
        }
        return px;
    }
}
