package serverlessshop.orders.notifications;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import serverlessshop.orders.events.model.OrderEvent;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Mails the customer about their order's events, once per event: the recipient from Cognito, the
 * event claimed in the table ({@link MailClaims}), the mail sent with SES. A send that fails gives the
 * claim up and throws, so the event's retry (EventBridge's, then the function's failure destination)
 * sends it. A customer without a verified address gets no mail; that is not a failure.
 */
@Lazy
@Service
public class OrderMailer {

    private static final Logger log = LoggerFactory.getLogger(OrderMailer.class);

    private final Recipients recipients;
    private final MailClaims claims;
    private final SesV2Client ses;
    private final OrderMailsProperties properties;

    OrderMailer(Recipients recipients, MailClaims claims, SesV2Client ses, OrderMailsProperties properties) {
        this.recipients = recipients;
        this.claims = claims;
        this.ses = ses;
        this.properties = properties;
        if (properties.from() == null || properties.from().isBlank()) {
            throw new IllegalStateException("ORDER_MAILS_FROM is not set: who do the order mails come from?");
        }
    }

    public void mail(OrderEvent event) {
        Optional<OrderMail> mail = OrderMails.of(event, properties.siteUrl());
        if (mail.isEmpty()) {
            return;
        }
        String eventId = event.getEventId().toString();
        String customerId = event.getCustomerId();
        Optional<String> address = recipients.verifiedAddress(customerId);
        if (address.isEmpty()) {
            log.info("No mail for event {}: customer {} has no verified e-mail address", eventId, customerId);
            return;
        }
        if (!claims.claim(eventId, customerId)) {
            log.info("The mail of event {} is already sent", eventId);
            return;
        }
        String messageId;
        try {
            messageId = send(address.get(), mail.get());
        } catch (RuntimeException e) {
            try {
                claims.release(eventId, customerId);
            } catch (RuntimeException releaseFailed) {
                // The claim stays: the retry will take the mail for sent. Say so where it is looked for.
                log.error("The claim of event {} could not be given up: its mail will not be retried", eventId);
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        log.atInfo()
                .addKeyValue("event_id", eventId)
                .addKeyValue("order_id", event.getOrderId().toString())
                .addKeyValue("message_id", messageId)
                .log("Order mail sent: event {}, order {}, message {}", eventId, event.getOrderId(), messageId);
    }

    private String send(String to, OrderMail mail) {
        return ses.sendEmail(request -> request.fromEmailAddress(properties.from())
                        .destination(destination -> destination.toAddresses(to))
                        .content(content -> content.simple(message -> message.subject(
                                        subject -> subject.data(mail.subject()).charset("UTF-8"))
                                .body(body -> body.text(
                                                text -> text.data(mail.text()).charset("UTF-8"))
                                        .html(html -> html.data(mail.html()).charset("UTF-8"))))))
                .messageId();
    }
}
