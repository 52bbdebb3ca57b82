package serverlessshop.support.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.WebApplicationContext;
import serverlessshop.support.logging.CorrelationIds;

/** A scheduled job's function: the whole application without a web server, the job's ids in its logs. */
class ScheduledFunctionTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Job {

        @Bean
        Greeting greeting(@Value("${job.greeting:unset}") String text) {
            return new Greeting(text);
        }
    }

    record Greeting(String text) {}

    @Test
    void runsTheJobInTheApplicationWithoutAWebServerAndWithTheInvocationsIds() {
        ScheduledFunction function = ScheduledFunction.start(Job.class, "job.greeting=hello");

        Map<String, Object> answer = function.run(
                InvocationContext.of("job"),
                application -> Map.of(
                        "greeting", application.getBean(Greeting.class).text(),
                        "web", application instanceof WebApplicationContext,
                        "request_id", String.valueOf(MDC.get(CorrelationIds.LAMBDA_REQUEST_ID)),
                        "correlation_id", String.valueOf(MDC.get(CorrelationIds.CORRELATION_ID))));

        assertThat(answer).containsEntry("greeting", "hello").containsEntry("web", false);
        assertThat(answer.get("request_id")).as("Lambda's request id").isNotEqualTo("null");
        assertThat(answer.get("correlation_id"))
                .as("also the correlation id of its calls")
                .isEqualTo(answer.get("request_id"));
        assertThat(MDC.get(CorrelationIds.LAMBDA_REQUEST_ID))
                .as("removed after the invocation")
                .isNull();
    }
}
