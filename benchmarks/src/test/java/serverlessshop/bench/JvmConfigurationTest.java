package serverlessshop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JvmConfigurationTest {

    @Test
    void theBaselineHasNoClassDataSharingAtAll() {
        assertThat(JvmConfiguration.untuned().overrides()).containsEntry("JAVA_TOOL_OPTIONS", "-Xshare:off");
        assertThat(JvmConfiguration.production().overrides()).isEmpty();
    }

    @Test
    void withoutTheAotCacheKeepsEveryOtherOption() {
        JvmConfiguration noCache = JvmConfiguration.withoutAotCache(
                "-XX:TieredStopAtLevel=1 -XX:AOTCache=/var/task/app.aot -XX:+UseSerialGC");
        assertThat(noCache.overrides()).containsEntry("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    @Test
    void aVariantNamesItsVariablesAndValuesMayHoldCommasAndSpaces() {
        JvmConfiguration lazy = JvmConfiguration.parse(
                "lazy:SPRING_MAIN_LAZY_INITIALIZATION=true,JAVA_TOOL_OPTIONS=-Xss1m -Da=b,c");
        assertThat(lazy.name()).isEqualTo("lazy");
        assertThat(lazy.overrides()).containsEntry("SPRING_MAIN_LAZY_INITIALIZATION", "true")
                .containsEntry("JAVA_TOOL_OPTIONS", "-Xss1m -Da=b,c");
        assertThatThrownBy(() -> JvmConfiguration.parse("nameless")).isInstanceOf(IllegalArgumentException.class);
    }
}
