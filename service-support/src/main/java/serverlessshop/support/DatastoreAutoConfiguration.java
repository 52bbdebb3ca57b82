package serverlessshop.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import serverlessshop.support.datastore.DataAccessUnavailability;
import serverlessshop.support.datastore.DatastoreUnavailable;
import serverlessshop.support.datastore.ShopDatastoreProperties;

/**
 * A datastore reached through Spring's data access (products' database) that is away is a 503, like
 * any {@link DatastoreUnavailable}; a service without Spring's
 * data access (orders, on DynamoDB) throws that exception itself.
 */
@AutoConfiguration(after = ProblemSupportAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DataAccessException.class)
@EnableConfigurationProperties(ShopDatastoreProperties.class)
public class DatastoreAutoConfiguration {

    /** Renders through the service's problem handler, so the answer is every other problem's shape. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ResponseEntityExceptionHandler.class)
    DataAccessUnavailability dataAccessUnavailability(
            ShopDatastoreProperties properties, ResponseEntityExceptionHandler problems) {
        return new DataAccessUnavailability(properties, problems);
    }
}
