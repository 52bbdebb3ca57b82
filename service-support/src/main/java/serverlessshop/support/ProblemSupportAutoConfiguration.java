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
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import serverlessshop.support.http.StrictQueryValues;
import serverlessshop.support.http.StrictParameterBinding;
import serverlessshop.support.problem.MalformedHeadersFilter;
import serverlessshop.support.problem.ProblemExceptionHandler;
import serverlessshop.support.security.ProblemSecurityHandlers;

/**
 * Makes a service strict about what it reads and clear about what went wrong: unknown fields,
 * fractions where integers belong and strings where numbers belong are errors, not guesses, and
 * so are parameters in any other form than the contract's; every error is problem+json.
 */
@AutoConfiguration
@Import({ProblemExceptionHandler.class, StrictParameterBinding.class})
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

    /** Before every other filter, Spring Boot's character-encoding filter included (also highest precedence). */
    @Bean
    FilterRegistrationBean<MalformedHeadersFilter> malformedHeadersFilter(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new MalformedHeadersFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Spring Security's filter chain takes this bean for requests its firewall refuses: 400 problem+json. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper json) {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(json);
        return handlers::handle;
    }
}
