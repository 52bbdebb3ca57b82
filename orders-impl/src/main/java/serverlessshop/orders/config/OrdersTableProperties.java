package serverlessshop.orders.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the orders live.
 *
 * @param table       the table's name ({@code ORDERS_TABLE}); its definition is dynamodb/orders-table.json
 * @param region      the AWS region ({@code AWS_REGION}, which Lambda sets)
 * @param endpoint    DynamoDB Local's URL ({@code ORDERS_DYNAMODB_ENDPOINT}); unset in AWS
 * @param createTable create the table at start when it is missing (local runs only)
 */
@ConfigurationProperties("shop.dynamodb")
record OrdersTableProperties(String table, String region, String endpoint, boolean createTable) {

    boolean isLocal() {
        return endpoint != null && !endpoint.isBlank();
    }
}
