package serverlessshop.support;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import serverlessshop.support.http.StrictParameterBinding;
import serverlessshop.support.http.StrictQueryValues;
import serverlessshop.support.problem.MalformedHeadersFilter;
import serverlessshop.support.problem.ProblemExceptionHandler;

/**
 * Makes a service strict about what it reads and clear about what went wrong: unknown fields,
 * fractions where integers belong and strings where numbers belong are errors, not guesses, and
 * so are parameters in any other form than the contract's; every error is problem+json (those of
 * Spring Security too: {@link ShopSecurityAutoConfiguration}).
 *
 * <p>Before Spring MVC's auto-configuration, whose own problem handler stands back for this one;
 * after the character-encoding filter's, which it places behind the header checks.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class, after = HttpEncodingAutoConfiguration.class)
public class ProblemSupportAutoConfiguration {

    /** Every application context, the scheduled functions' too: the JSON they read is the contracts' as well. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder.featuresToEnable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // No array of the contracts may hold null ("items": [{...}, null] reached the order saga as a
                // null item: a 500): a null element is a 400 naming it.
                .postConfigurer(mapper -> mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
                // ALLOW_COERCION_OF_SCALARS does not cover text: a number or boolean where the contract
                // wants a string (an SKU of 12) would be taken as "12".
                .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ProblemAnswers {

        @Bean
        @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
        ProblemExceptionHandler problemExceptionHandler() {
            return new ProblemExceptionHandler();
        }

        @Bean
        @ConditionalOnMissingBean
        StrictParameterBinding strictParameterBinding() {
            return new StrictParameterBinding();
        }

        /** Query parameters given twice, empty or padded: see {@link StrictQueryValues}. */
        @Bean
        WebMvcConfigurer singleQueryValues() {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new StrictQueryValues());
                }
            };
        }

        @Bean
        @ConditionalOnMissingFilterBean(MalformedHeadersFilter.class)
        FilterRegistrationBean<MalformedHeadersFilter> malformedHeadersFilter(ObjectMapper json) {
            var registration = new FilterRegistrationBean<>(new MalformedHeadersFilter(json));
            registration.setOrder(FilterOrder.MALFORMED_HEADERS);
            return registration;
        }

        /**
         * Spring Boot's character-encoding filter, registered at {@link FilterOrder#CHARACTER_ENCODING}
         * instead of its own highest precedence, which is {@link FilterOrder#REQUEST_LOG}'s: a filter
         * bean with a registration bean is registered once, by the registration.
         */
        @Bean
        @ConditionalOnBean(CharacterEncodingFilter.class)
        FilterRegistrationBean<CharacterEncodingFilter> characterEncodingFilterRegistration(
                CharacterEncodingFilter characterEncodingFilter) {
            var registration = new FilterRegistrationBean<>(characterEncodingFilter);
            registration.setName("characterEncodingFilter");
            registration.setOrder(FilterOrder.CHARACTER_ENCODING);
            return registration;
        }
    }
}
