package serverlessshop.products.lambda;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import serverlessshop.products.testing.TestDatabase;

/**
 * The properties {@link TestDatabase} gives a products test context (this run's database, the test
 * issuer), for code that starts without a test context: the Lambda handlers. Taken from a context
 * that only TestDatabase initializes, so the choice of database stays in one place.
 */
public final class TestDatabaseProperties {

    /** The name under which TestPropertyValues, which TestDatabase uses, adds its properties. */
    private static final String TEST_PROPERTY_SOURCE = "test";

    private TestDatabaseProperties() {}

    public static Map<String, String> get() {
        try (GenericApplicationContext scratch = new GenericApplicationContext()) {
            new TestDatabase().initialize(scratch);
            if (!(scratch.getEnvironment().getPropertySources().get(TEST_PROPERTY_SOURCE)
                    instanceof EnumerablePropertySource<?> source)) {
                throw new IllegalStateException("TestDatabase no longer adds a '" + TEST_PROPERTY_SOURCE
                        + "' property source: update " + TestDatabaseProperties.class.getSimpleName());
            }
            Map<String, String> properties = new HashMap<>();
            for (String name : source.getPropertyNames()) {
                properties.put(name, String.valueOf(source.getProperty(name)));
            }
            return properties;
        }
    }
}
