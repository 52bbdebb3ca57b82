package serverlessshop.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import serverlessshop.support.security.ProblemSecurityHandlers;
import serverlessshop.support.http.StrictUuidBinding;
import serverlessshop.support.problem.MalformedHeadersFilter;
import serverlessshop.support.problem.ProblemExceptionHandler;

/**
 * Makes a service strict about what it reads and clear about what went wrong: unknown fields,
 * fractions where integers belong and strings where numbers belong are errors, not guesses, and
 * every error is problem+json.
 */
@AutoConfiguration
@Import({ProblemExceptionHandler.class, StrictUuidBinding.class})
public class ProblemSupportAutoConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // ALLOW_COERCION_OF_SCALARS does not cover text: a number or boolean where the contract
                // wants a string (an SKU of 12) would be taken as "12".
                // No array of the contracts may hold null ("items": [{...}, null] reached the order saga as a
                // null item: a 500): a null element is a 400 naming it.
                .postConfigurer(mapper -> mapper.setDefaultSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value
                        .forContentNulls(com.fasterxml.jackson.annotation.Nulls.FAIL)))
                .postConfigurer(mapper -> mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                                com.fasterxml.jackson.databind.cfg.CoercionAction.Fail));
    }

    /** Before every other filter, Spring Boot's character-encoding filter included (also highest precedence). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<MalformedHeadersFilter> malformedHeadersFilter(
            com.fasterxml.jackson.databind.ObjectMapper json) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new MalformedHeadersFilter(json));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Spring Security's filter chain takes this bean for requests its firewall refuses: 400 problem+json. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(com.fasterxml.jackson.databind.ObjectMapper json) {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(json);
        return handlers::handle;
    }
}
