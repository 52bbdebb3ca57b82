package serverlessshop.orders.notifications;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import serverlessshop.orders.events.model.OrderEvent;
import serverlessshop.orders.events.model.OrderEventLine;

/**
 * What the customer is told of an order event: that it is placed, has shipped or is cancelled; the
 * other events are no news to them. The mail has the order's lines and total and a link to the
 * order in the shop, and nothing personal beyond that (no address: the order page shows it to the
 * signed-in customer). Every value is escaped in the HTML part: product names are typed by
 * administrators.
 */
final class OrderMails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private OrderMails() {}

    static Optional<OrderMail> of(OrderEvent event, String siteUrl) {
        return news(event).map(news -> compose(event, news, siteUrl));
    }

    /** The subject's verb and the mail's first sentence. */
    private record News(String verb, String lead) {}

    private static Optional<News> news(OrderEvent event) {
        return switch (event.getEventType()) {
            case ORDER_PLACED -> Optional.of(new News("is placed", "Thank you for your order. We have received it."));
            case ORDER_SHIPPED -> Optional.of(new News("has shipped", "Your order is on its way."));
            case ORDER_CANCELLED -> Optional.of(new News("is cancelled", "Your order has been cancelled."));
            case ORDER_CONFIRMED, ORDER_DELIVERED -> Optional.empty();
        };
    }

    /** The last eight characters of the order id, upper case: the reference the site shows. */
    static String reference(OrderEvent event) {
        String id = event.getOrderId().toString();
        return id.substring(id.length() - 8).toUpperCase(Locale.ROOT);
    }

    /** The order's page in the site (its hash route {@code #/orders/<id>}). */
    static String link(String siteUrl, OrderEvent event) {
        String base = siteUrl == null ? "" : siteUrl.replaceAll("/+$", "");
        return base + "/#/orders/" + event.getOrderId();
    }

    private static OrderMail compose(OrderEvent event, News news, String siteUrl) {
        String reference = reference(event);
        String subject = "Your order " + reference + " " + news.verb();
        String placedOn = DAY.format(event.getOrderDate());
        String link = link(siteUrl, event);

        StringBuilder text = new StringBuilder()
                .append(news.lead())
                .append("\n\nOrder ")
                .append(reference)
                .append(", placed on ")
                .append(placedOn)
                .append("\n\n");
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html><html><body>")
                .append("<p>")
                .append(htmlEscape(news.lead()))
                .append("</p><p>Order <strong>")
                .append(htmlEscape(reference))
                .append("</strong>, placed on ")
                .append(htmlEscape(placedOn))
                .append("</p><table><tbody>");
        for (OrderEventLine line : event.getItems()) {
            String total = amount(line.getPricePerUnit().multiply(BigDecimal.valueOf(line.getQuantity())));
            text.append(line.getProductName())
                    .append(" x ")
                    .append(line.getQuantity())
                    .append(" at ")
                    .append(amount(line.getPricePerUnit()))
                    .append(": ")
                    .append(total)
                    .append('\n');
            html.append("<tr><td>")
                    .append(htmlEscape(line.getProductName()))
                    .append(" &times; ")
                    .append(line.getQuantity())
                    .append("</td><td>")
                    .append(htmlEscape(amount(line.getPricePerUnit())))
                    .append("</td><td>")
                    .append(htmlEscape(total))
                    .append("</td></tr>");
        }
        text.append("\nTotal: ")
                .append(amount(event.getTotalAmount()))
                .append("\n\nSee your order: ")
                .append(link)
                .append('\n');
        html.append("</tbody></table><p>Total: <strong>")
                .append(htmlEscape(amount(event.getTotalAmount())))
                .append("</strong></p><p><a href=\"")
                .append(htmlEscape(link))
                .append("\">See your order</a></p></body></html>");
        return new OrderMail(subject, html.toString(), text.toString());
    }

    private static String amount(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
