package serverlessshop.support.testing;

import java.util.List;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/** The {@code *Api} interfaces that openapi-generator wrote into a package. */
public final class GeneratedApis {

    private GeneratedApis() {}

    public static List<Class<?>> interfacesIn(String apiPackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*Api")));
        return scanner.findCandidateComponents(apiPackage).stream()
                .map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
                .<Class<?>>map(type -> type)
                .toList();
    }
}
