package serverlessshop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import serverlessshop.support.origin.OriginGuardFilter;
import serverlessshop.support.testing.secrets.SecretsManagerStandIn;

/** When services get the origin guard, where it runs, and which values it takes from Secrets Manager. */
class OriginGuardAutoConfigurationTest {

    private static final String ARN = SecretsManagerStandIn.arn("shop-test-origin");

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class,
                    HttpEncodingAutoConfiguration.class))
            .withConfiguration(AutoConfigurations.of(
                    LoggingAutoConfiguration.class,
                    ProblemSupportAutoConfiguration.class,
                    LimitsAutoConfiguration.class,
                    OriginGuardAutoConfiguration.class));

    @Test
    void notConfiguredThereIsNoGuardAndEveryRequestIsServed() {
        web.run(context -> assertThat(context).doesNotHaveBean(OriginGuardFilter.class));
        web.run(context -> assertThat(context.getBeansOfType(FilterRegistrationBean.class))
                .doesNotContainKey("originGuardFilter"));
    }

    @Test
    void theScheduledFunctionsWithoutAWebServerGetNoGuard() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(JacksonAutoConfiguration.class, OriginGuardAutoConfiguration.class))
                .withPropertyValues("shop.origin.values=a-value")
                .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void configuredTheGuardRunsAfterTheHeaderChecksAndBeforeTheBodyIsRead() {
        web.withPropertyValues("shop.origin.values=a-value").run(context -> {
            List<AbstractFilterRegistrationBean<?>> chain = new ArrayList<>();
            new ServletContextInitializerBeans(context.getBeanFactory()).forEach(initializer -> {
                if (initializer instanceof AbstractFilterRegistrationBean<?> filter) {
                    chain.add(filter);
                }
            });
            assertThat(chain)
                    .extracting(AbstractFilterRegistrationBean::getFilterName)
                    .startsWith(
                            "requestLogFilter",
                            "malformedHeadersFilter",
                            "originGuardFilter",
                            "characterEncodingFilter",
                            "requestBodyLimitFilter");
            assertThat(chain)
                    .filteredOn(filter -> filter.getFilterName().equals("originGuardFilter"))
                    .extracting(AbstractFilterRegistrationBean::getOrder)
                    .containsExactly(FilterOrder.ORIGIN_GUARD);
        });
    }

    @Test
    void theValuesGivenCommaSeparatedAreAllAccepted() {
        web.withPropertyValues("shop.origin.values=first-value,second-value", "shop.origin.header=X-Edge")
                .run(context -> {
                    OriginGuardFilter guard = guard(
                            context.getBeansOfType(FilterRegistrationBean.class).get("originGuardFilter"));
                    assertThat(status(guard, "X-Edge", "first-value")).isEqualTo(200);
                    assertThat(status(guard, "X-Edge", "second-value")).isEqualTo(200);
                    assertThat(status(guard, "X-Origin-Verify", "first-value")).isEqualTo(403);
                });
    }

    /** After a rotation the secret's AWSCURRENT is the new value, AWSPREVIOUS the old one: both pass, nothing older. */
    @Test
    void fromTheSecretTheCurrentAndThePreviousVersionsAreAcceptedDuringARotation() throws Exception {
        try (SecretsManagerStandIn secretsManager = new SecretsManagerStandIn();
                AutoCloseable settings = secretsManager.applySdkSettings()) {
            secretsManager.put(ARN, "oldest-value");
            secretsManager.put(ARN, "old-value");
            secretsManager.put(ARN, "new-value");
            web.withPropertyValues("shop.origin.secret-arn=" + ARN).run(context -> {
                OriginGuardFilter guard = guard(
                        context.getBeansOfType(FilterRegistrationBean.class).get("originGuardFilter"));
                assertThat(status(guard, "X-Origin-Verify", "new-value")).isEqualTo(200);
                assertThat(status(guard, "X-Origin-Verify", "old-value")).isEqualTo(200);
                assertThat(status(guard, "X-Origin-Verify", "oldest-value")).isEqualTo(403);
                assertThat(status(guard, "X-Origin-Verify", null)).isEqualTo(403);
            });
            assertThat(secretsManager.reads(ARN)).isEqualTo(2);
        }
    }

    @Test
    void aSecretNeverRotatedHasOnlyItsCurrentValue() throws Exception {
        try (SecretsManagerStandIn secretsManager = new SecretsManagerStandIn();
                AutoCloseable settings = secretsManager.applySdkSettings()) {
            secretsManager.put(ARN, "only-value");
            web.withPropertyValues("shop.origin.secret-arn=" + ARN).run(context -> {
                OriginGuardFilter guard = guard(
                        context.getBeansOfType(FilterRegistrationBean.class).get("originGuardFilter"));
                assertThat(status(guard, "X-Origin-Verify", "only-value")).isEqualTo(200);
                assertThat(status(guard, "X-Origin-Verify", "other")).isEqualTo(403);
            });
        }
    }

    @Test
    void aSecretThatCannotBeReadStopsTheStartRatherThanServingUnguarded() throws Exception {
        try (SecretsManagerStandIn secretsManager = new SecretsManagerStandIn();
                AutoCloseable settings = secretsManager.applySdkSettings()) {
            web.withPropertyValues("shop.origin.secret-arn=" + SecretsManagerStandIn.arn("missing"))
                    .run(context -> assertThat(context).hasFailed());
        }
    }

    private static OriginGuardFilter guard(FilterRegistrationBean<?> registration) {
        return (OriginGuardFilter) registration.getFilter();
    }

    private static int status(OriginGuardFilter guard, String header, String value) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/products");
        if (value != null) {
            request.addHeader(header, value);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        guard.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
