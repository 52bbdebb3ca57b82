package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmConfigurationTest {

    @Test
    void theBaselineHasNoClassDataSharingAtAll() {
        // -Xshare:off would stop the JVM: the image's command line names its AOT cache.
        assertThat(JvmConfiguration.untuned().overrides())
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:AOTMode=off -XX:+UseG1GC");
        assertThat(JvmConfiguration.production().overrides()).isEmpty();
    }

    @Test
    void withoutTheAotCacheTurnsTheImagesCacheOffAndNothingElse() {
        assertThat(JvmConfiguration.withoutAotCache().overrides())
                .containsExactly(Map.entry("JAVA_TOOL_OPTIONS", "-XX:AOTMode=off"));
    }

    @Test
    void aVariantNamesItsVariablesAndValuesMayHoldCommasAndSpaces() {
        JvmConfiguration lazy =
                JvmConfiguration.parse("lazy:SPRING_MAIN_LAZY_INITIALIZATION=true,JAVA_TOOL_OPTIONS=-Xss1m -Da=b,c");
        assertThat(lazy.name()).isEqualTo("lazy");
        assertThat(lazy.overrides())
                .containsEntry("SPRING_MAIN_LAZY_INITIALIZATION", "true")
                .containsEntry("JAVA_TOOL_OPTIONS", "-Xss1m -Da=b,c");
        assertThatThrownBy(() -> JvmConfiguration.parse("nameless")).isInstanceOf(IllegalArgumentException.class);
    }
}
