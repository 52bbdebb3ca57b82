package serverlessshop.localcloud.seed;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The demo products' pictures, drawn here (the project's own work, under its licence): a still life
 * of one shape on a table, in a colour of the product's own, 1200 × 900 so that the image function
 * makes both of its sizes. Shapes only, no text: a headless JVM may have no fonts.
 */
public final class DemoImages {

    static final int WIDTH = 1200;
    static final int HEIGHT = 900;
    public static final String CONTENT_TYPE = "image/png";

    private DemoImages() {}

    /** The PNG of the product with this SKU: the same SKU always gets the same picture. */
    public static byte[] png(String sku) throws IOException {
        int seed = sku.hashCode() & 0x7fffffff;
        float hue = (seed % 360) / 360f;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(
                    0, 0, Color.getHSBColor(hue, 0.12f, 0.98f), 0, HEIGHT, Color.getHSBColor(hue, 0.22f, 0.86f)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.getHSBColor(hue, 0.18f, 0.74f));
            g.fillRect(0, 640, WIDTH, HEIGHT - 640);
            g.setColor(new Color(0, 0, 0, 40));
            g.fill(new Ellipse2D.Double(380, 610, 440, 70));
            Color body = Color.getHSBColor(hue, 0.65f, 0.78f);
            Color light = Color.getHSBColor(hue, 0.35f, 0.97f);
            g.setPaint(new GradientPaint(400, 200, light, 800, 640, body));
            switch (seed % 4) {
                case 0 -> g.fill(new Ellipse2D.Double(420, 230, 360, 400));
                case 1 -> g.fill(new RoundRectangle2D.Double(430, 250, 340, 390, 60, 60));
                case 2 -> g.fill(new RoundRectangle2D.Double(520, 150, 160, 490, 160, 160));
                default -> {
                    Path2D cone = new Path2D.Double();
                    cone.moveTo(600, 180);
                    cone.lineTo(800, 640);
                    cone.lineTo(400, 640);
                    cone.closePath();
                    g.fill(cone);
                }
            }
            g.setColor(new Color(255, 255, 255, 110));
            g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawArc(470, 280, 160, 200, 110, 70);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
