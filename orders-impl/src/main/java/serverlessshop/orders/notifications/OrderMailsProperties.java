package serverlessshop.orders.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the order mails are sent.
 *
 * @param from            the sender's address, verified in SES ({@code ORDER_MAILS_FROM})
 * @param siteUrl         the shop's base URL, for the link to the order ({@code ORDER_MAILS_SITE_URL})
 * @param userPoolId      the shoppers' Cognito user pool, where their addresses are ({@code ORDER_MAILS_USER_POOL_ID})
 * @param sesEndpoint     another SES API than AWS's: the local cloud's inbox ({@code ORDER_MAILS_SES_ENDPOINT})
 * @param cognitoEndpoint another Cognito API than AWS's: the local cloud's ({@code ORDER_MAILS_COGNITO_ENDPOINT})
 * @param region          the region of both ({@code AWS_REGION}, which Lambda sets)
 */
@ConfigurationProperties("shop.order-mails")
record OrderMailsProperties(
        String from, String siteUrl, String userPoolId, String sesEndpoint, String cognitoEndpoint, String region) {}
