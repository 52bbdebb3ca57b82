package serverlessshop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import serverlessshop.support.datastore.DataAccessUnavailability;
import serverlessshop.support.docs.ContractDocs;
import serverlessshop.support.limits.ShopHttpProperties;
import serverlessshop.support.logging.RequestLogFilter;
import serverlessshop.support.metrics.EmbeddedMetrics;
import serverlessshop.support.metrics.ShopMetricsProperties;
import serverlessshop.support.problem.ProblemExceptionHandler;
import serverlessshop.support.security.ProblemSecurityHandlers;
import serverlessshop.support.security.ShopSecurityProperties;

/** What service-support's auto-configurations give a service, and how a service replaces a part. */
class ServiceSupportAutoConfigurationTest {

    private static final AutoConfigurations SUPPORT = AutoConfigurations.of(
            DatastoreAutoConfiguration.class,
            DocsAutoConfiguration.class,
            LimitsAutoConfiguration.class,
            LoggingAutoConfiguration.class,
            MetricsAutoConfiguration.class,
            ProblemSupportAutoConfiguration.class,
            ShopSecurityAutoConfiguration.class,
            TimeAutoConfiguration.class);

    private static final AutoConfigurations BOOT = AutoConfigurations.of(
            JacksonAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class,
            HttpEncodingAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class,
            SecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class);

    private final WebApplicationContextRunner web =
            new WebApplicationContextRunner().withConfiguration(BOOT).withConfiguration(SUPPORT);

    @Test
    void theDefaultsAreTheRecordsOwn() {
        web.run(context -> {
            assertThat(context.getBean(ShopHttpProperties.class).maxRequestBody())
                    .isEqualTo(DataSize.ofKilobytes(64));
            assertThat(context.getBean(ShopMetricsProperties.class).namespace()).isEqualTo("ServerlessShop");
            assertThat(context).doesNotHaveBean(ContractDocs.class);
        });
    }

    /** The firewall's refusals reach the problem answer only if it is the one handler of its type. */
    @Test
    void aServiceBuildsItsSecurityFromTheShopsIssuersAndProblemAnswers() {
        web.withPropertyValues("shop.security.issuer=https://issuer.example", "shop.security.audiences=shop")
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(JwtIssuerAuthenticationManagerResolver.class)
                            .hasSingleBean(RequestRejectedHandler.class);
                    assertThat(context.getBean(RequestRejectedHandler.class))
                            .isSameAs(context.getBean(ProblemSecurityHandlers.class));
                    assertThat(context.getBean(ShopSecurityProperties.class).audiences())
                            .containsExactly("shop");
                });
    }

    @Test
    void aServiceSetsThemWithItsProperties() {
        web.withPropertyValues(
                        "shop.http.max-request-body=1KB",
                        "shop.metrics.namespace=Test",
                        "shop.docs.contract=products.yaml")
                .run(context -> {
                    assertThat(context.getBean(ShopHttpProperties.class).maxRequestBody())
                            .isEqualTo(DataSize.ofKilobytes(1));
                    assertThat(context.getBean(ShopMetricsProperties.class).namespace())
                            .isEqualTo("Test");
                    assertThat(context).hasSingleBean(ContractDocs.class);
                });
    }

    /**
     * The order the filters are registered in, which is the order the servlet container, the Lambda
     * container's too, runs them in: service-support's first, Spring Boot's character-encoding filter
     * (once) behind the header checks, Spring Boot's and Spring Security's after the body limit.
     */
    @Test
    void theFiltersRunInTheDocumentedOrderEachInItsOwnPlace() {
        web.run(context -> {
            List<AbstractFilterRegistrationBean<?>> chain = new ArrayList<>();
            new ServletContextInitializerBeans(context.getBeanFactory()).forEach(initializer -> {
                if (initializer instanceof AbstractFilterRegistrationBean<?> filter) {
                    chain.add(filter);
                }
            });

            assertThat(chain)
                    .extracting(AbstractFilterRegistrationBean::getFilterName)
                    .containsExactly(
                            "requestLogFilter",
                            "malformedHeadersFilter",
                            "characterEncodingFilter",
                            "requestBodyLimitFilter",
                            "formContentFilter",
                            "requestContextFilter",
                            "springSecurityFilterChain");
            assertThat(chain)
                    .extracting(AbstractFilterRegistrationBean::getOrder)
                    .doesNotHaveDuplicates()
                    .startsWith(
                            FilterOrder.REQUEST_LOG,
                            FilterOrder.MALFORMED_HEADERS,
                            FilterOrder.CHARACTER_ENCODING,
                            FilterOrder.REQUEST_BODY_LIMIT);
        });
    }

    @Test
    void aServicesOwnFilterOrHandlerTakesThePlaceOfTheStartersOne() {
        web.withUserConfiguration(OwnParts.class).run(context -> {
            assertThat(context.getBeansOfType(FilterRegistrationBean.class))
                    .containsKey("ownLog")
                    .doesNotContainKey("requestLogFilter");
            assertThat(context)
                    .hasSingleBean(ResponseEntityExceptionHandler.class)
                    .doesNotHaveBean(ProblemExceptionHandler.class);
            assertThat(context).hasBean("requestBodyLimitFilter");
        });
    }

    @Test
    void springsDataAccessExceptionsAreAnswered503WhereTheyCanOccur() {
        web.run(context -> assertThat(context).hasSingleBean(DataAccessUnavailability.class));
        web.withClassLoader(new FilteredClassLoader(DataAccessException.class))
                .run(context -> assertThat(context).doesNotHaveBean(DataAccessUnavailability.class));
    }

    /** The scheduled functions start without a web server: no filters, no handlers, but the same metrics. */
    @Test
    void anApplicationWithoutAWebServerGetsNoWebParts() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withConfiguration(SUPPORT)
                .run(context -> {
                    assertThat(context).hasSingleBean(EmbeddedMetrics.class);
                    assertThat(context)
                            .doesNotHaveBean(FilterRegistrationBean.class)
                            .doesNotHaveBean(ProblemExceptionHandler.class)
                            .doesNotHaveBean(DataAccessUnavailability.class)
                            .doesNotHaveBean(JwtIssuerAuthenticationManagerResolver.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnParts {

        @Bean
        FilterRegistrationBean<RequestLogFilter> ownLog() {
            return new FilterRegistrationBean<>(new RequestLogFilter());
        }

        @Bean
        ResponseEntityExceptionHandler ownProblems() {
            return new ResponseEntityExceptionHandler() {};
        }
    }
}
