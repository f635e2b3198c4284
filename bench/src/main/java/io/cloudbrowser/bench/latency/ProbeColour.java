package io.cloudbrowser.bench.latency;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads whether the latency page is white or black from the top-left 16x16 pixels of a frame. Decoding only
 * that region stops the JPEG decoder after the first row of blocks, so it costs well under a millisecond and
 * is done after the frame's arrival has been stamped anyway.
 */
final class ProbeColour {
    private static final ThreadLocal<ImageReader> READER =
            ThreadLocal.withInitial(() -> ImageIO.getImageReadersByFormatName("jpeg").next());

    private ProbeColour() {
    }

    static boolean isWhite(byte[] jpeg) {
        ImageReader reader = READER.get();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            ImageReadParam p = reader.getDefaultReadParam();
            p.setSourceRegion(new Rectangle(0, 0, 16, 16));
            BufferedImage img = reader.read(0, p);
            int rgb = img.getRGB(8, 8);
            int sum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
            return sum > 3 * 128;
        } catch (IOException e) {
            throw new UncheckedIOException("a frame is not a readable JPEG", e);
        } finally {
            reader.reset();
        }
    }
}
