package serverlessshop.support;

import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.validation.beanvalidation.FilteredMethodValidationPostProcessor;
import org.springframework.boot.validation.beanvalidation.MethodValidationExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Boot's method validation (the controllers implement the generated, {@code @Validated}
 * interfaces), configured as Boot configures it, with one difference: the validator is looked up in
 * the context once, at the first validated call, and kept. Boot hands the interceptor a provider it
 * asks on every call, twice per request (arguments, then the return value): a dependency resolution
 * in the bean factory each time, about 3 % of a catalog read's CPU in the profile (make bench).
 * The lookup stays lazy, as Boot wants it for a post-processor created before the validator.
 */
@AutoConfiguration(before = ValidationAutoConfiguration.class)
@ConditionalOnClass(ExecutableValidator.class)
@ConditionalOnResource(resources = "classpath:META-INF/services/jakarta.validation.spi.ValidationProvider")
public class MethodValidationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static FilteredMethodValidationPostProcessor methodValidationPostProcessor(
            Environment environment,
            ObjectProvider<Validator> validator,
            ObjectProvider<MethodValidationExcludeFilter> excludeFilters) {
        FilteredMethodValidationPostProcessor processor =
                new FilteredMethodValidationPostProcessor(excludeFilters.orderedStream()) {
                    @Override
                    protected Advice createMethodValidationAdvice(Supplier<Validator> validator) {
                        return super.createMethodValidationAdvice(SingletonSupplier.of(validator));
                    }
                };
        processor.setProxyTargetClass(environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true));
        processor.setAdaptConstraintViolations(
                environment.getProperty("spring.validation.method.adapt-constraint-violations", Boolean.class, false));
        processor.setValidatorProvider(validator);
        return processor;
    }
}
