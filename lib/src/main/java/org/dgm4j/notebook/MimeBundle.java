package org.dgm4j.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * One displayable output in several representations keyed by MIME type (as in Jupyter's
 * {@code display_data}): the front end shows the richest one it understands. Every bundle has a
 * {@code text/plain} entry, which is also what the console prints outside a notebook.
 */
public final class MimeBundle {

    /** MIME type of plain text. */
    public static final String TEXT = "text/plain";
    /** MIME type of HTML. */
    public static final String HTML = "text/html";
    /** MIME type of a PNG image (data is base64). */
    public static final String PNG = "image/png";

    private final Map<String, String> data;
    private final BufferedImage image;

    private MimeBundle(Map<String, String> data, BufferedImage image) {
        if (!data.containsKey(TEXT)) {
            throw new IllegalArgumentException("A MIME bundle needs a text/plain entry; found only " + data.keySet());
        }
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.image = image;
    }

    /** Plain text. */
    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT, Objects.requireNonNull(text, "text")), null);
    }

    /** HTML with a plain-text alternative (shown in logs and by front ends without HTML). */
    public static MimeBundle html(String html, String plainText) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TEXT, Objects.requireNonNull(plainText, "plainText"));
        m.put(HTML, Objects.requireNonNull(html, "html"));
        return new MimeBundle(m, null);
    }

    /** An image as PNG (base64), with a one-line text description. */
    public static MimeBundle png(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TEXT, "[image " + image.getWidth() + "x" + image.getHeight() + "]");
        m.put(PNG, Base64.getEncoder().encodeToString(encodePng(image)));
        return new MimeBundle(m, image);
    }

    /** A bundle from explicit entries (must include {@code text/plain}). */
    public static MimeBundle of(Map<String, String> entries) {
        return new MimeBundle(entries, null);
    }

    /** The entries, MIME type to data, in insertion order. */
    public Map<String, String> data() {
        return data;
    }

    /** The {@code text/plain} representation. */
    public String plainText() {
        return data.get(TEXT);
    }

    /** The image this bundle was made from, or null when it is not an image. */
    public BufferedImage image() {
        return image;
    }

    /** PNG bytes of an image. */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the image as PNG", e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }
}
