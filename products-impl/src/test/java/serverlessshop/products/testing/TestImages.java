package serverlessshop.products.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Image files for the tests, made here (JPEG, PNG) or kept as a resource (WebP, which the JDK cannot write). */
public final class TestImages {

    private TestImages() {}

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A PNG whose left half is fully transparent. */
    public static byte[] pngWithTransparency(int width, int height) {
        BufferedImage image = picture(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width / 2; x++) {
                image.setRGB(x, y, 0x00000000);
            }
        }
        return write(image, "png");
    }

    /** A lossy WebP, 1600 x 900 (made with cwebp). */
    public static byte[] webp1600x900() {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/gradient-1600x900.webp")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A small, valid PNG whose header claims {@code width x height} pixels, all zeros, deflated: what a
     * decompression bomb looks like (a few kilobytes that would decode into gigabytes).
     */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(png)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream ihdr = new DataOutputStream(header);
            ihdr.writeInt(width);
            ihdr.writeInt(height);
            ihdr.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grey, no interlace
            chunk(out, "IHDR", header.toByteArray());
            // A few rows of zeros only: the reader must refuse it from the header, before any of them.
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            deflater.setInput(new byte[(width + 1) * 4]);
            deflater.finish();
            byte[] buffer = new byte[65536];
            int length = deflater.deflate(buffer);
            deflater.end();
            chunk(out, "IDAT", java.util.Arrays.copyOf(buffer, length));
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(200, 40, 40));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(new Color(30, 90, 200));
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
