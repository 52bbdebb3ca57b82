package serverlessshop.orders.notifications;

/** One mail's content: its subject and the same message as HTML and as plain text. */
record OrderMail(String subject, String html, String text) {}
