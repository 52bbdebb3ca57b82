package serverlessshop.orders.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole orders service on DynamoDB Local and the real products service, with a real token
 * issuer: MockMvc requests go through the same filters, security and controllers as in AWS. One
 * Spring context serves every class that carries this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OrdersTestEnvironment.class)
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = OrdersTestEnvironment.class)
@Import(WholeOrdersService.Interceptors.class)
public @interface WholeOrdersService {

    /** Added to the service's one DynamoDB client, as production would add tracing. */
    @TestConfiguration(proxyBeanMethods = false)
    class Interceptors {

        @Bean
        DynamoDbCalls dynamoDbCalls() {
            return new DynamoDbCalls();
        }

        @Bean
        DynamoDbFaults dynamoDbFaults() {
            return new DynamoDbFaults();
        }
    }
}
