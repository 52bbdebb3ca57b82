package serverlessshop.products.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Smaller JPEG copies of a decoded image. Scaling goes down by halves with bilinear interpolation,
 * then the last step to the exact size: one bilinear step over a large factor samples only a few
 * source pixels per target pixel and aliases, halving averages them all, at a fraction of the cost
 * of bicubic or area averaging. The JDK alone, no native code and nothing to add to the image.
 */
final class ImageResizer {

    static final float JPEG_QUALITY = 0.85f;

    private ImageResizer() {}

    /**
     * The image at {@code width} (never wider than it is) on white: JPEG has no transparency, and the
     * transparent parts of a PNG or WebP would otherwise turn black.
     */
    static BufferedImage scaledOnWhite(BufferedImage source, int width) {
        int targetWidth = Math.min(width, source.getWidth());
        int targetHeight = heightAt(source.getWidth(), source.getHeight(), targetWidth);
        BufferedImage current = source;
        do {
            int nextWidth = Math.max(targetWidth, current.getWidth() / 2);
            int nextHeight = nextWidth == targetWidth ? targetHeight : Math.max(targetHeight, current.getHeight() / 2);
            current = draw(current, nextWidth, nextHeight);
        } while (current.getWidth() != targetWidth || current.getHeight() != targetHeight);
        return current;
    }

    /** The height of a {@code width}-wide copy of a {@code sourceWidth} x {@code sourceHeight} image, at least 1. */
    static int heightAt(int sourceWidth, int sourceHeight, int width) {
        return Math.max(1, (int) Math.round((double) sourceHeight * width / sourceWidth));
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JPEG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
