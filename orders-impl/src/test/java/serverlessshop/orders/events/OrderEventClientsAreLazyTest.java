package serverlessshop.orders.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import serverlessshop.orders.testing.WholeOrdersService;

/**
 * The API function starts the same application as the events' functions: the clients only they use
 * are defined in it but not built, so its cold start does not pay for them.
 */
@WholeOrdersService
class OrderEventClientsAreLazyTest {

    @Autowired
    ConfigurableApplicationContext application;

    @ParameterizedTest
    @ValueSource(strings = {"eventBridgeClient", "sesV2Client", "cognitoIdentityProviderClient"})
    void theServiceStartsWithoutBuildingTheClient(String bean) {
        assertThat(application.containsBeanDefinition(bean)).isTrue();
        assertThat(application.getBeanFactory().containsSingleton(bean)).isFalse();
    }
}
