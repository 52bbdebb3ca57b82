package serverlessshop.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a Lambda trace header gives the logs and the calls: its root and whether X-Ray records it; nothing from a malformed one. */
class TraceHeaderTest {

    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";

    @Test
    void aSampledHeaderGivesItsRootAndIsPassedOnUnchanged() {
        String header = "Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1";

        assertThat(TraceHeader.parse(header)).hasValueSatisfying(trace -> {
            assertThat(trace.root()).isEqualTo(ROOT);
            assertThat(trace.sampled()).isTrue();
            assertThat(trace.value()).isEqualTo(header);
        });
    }

    @Test
    void anUnsampledOrLazyHeaderIsNotSampled() {
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=0"))
                .hasValueSatisfying(trace -> assertThat(trace.sampled()).isFalse());
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Lineage=a87bd80c:1"))
                .hasValueSatisfying(trace -> assertThat(trace.sampled()).isFalse());
    }

    @Test
    void aHeaderWithoutAValidRootOrWithForeignCharactersIsIgnored() {
        assertThat(TraceHeader.parse(null)).isEmpty();
        assertThat(TraceHeader.parse("Parent=53995c3f42cd8ad8;Sampled=1")).isEmpty();
        assertThat(TraceHeader.parse("Root=2-5759e988-bd862e3fe1be46a994272793;Sampled=1"))
                .isEmpty();
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Sampled=1\n{\"trace.id\":\"forged\"}"))
                .isEmpty();
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Note=" + "x".repeat(300)))
                .isEmpty();
    }
}
