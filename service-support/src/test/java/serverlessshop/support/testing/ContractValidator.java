package serverlessshop.support.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * Checks that a response conforms to the contract: status declared for the operation, headers,
 * content type and body schema, errors included. Requests are not checked, since tests send bad
 * ones on purpose.
 */
public final class ContractValidator {

    private final OpenApiInteractionValidator validator;

    private ContractValidator(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    public static ContractValidator forContract(String name) {
        String location = "openapi/" + name + ".yaml";
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the class path");
            }
            return new ContractValidator(OpenApiInteractionValidator.createForInlineApiSpecification(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A MockMvc matcher: the response conforms to the contract's operation for the request's path and method. */
    public ResultMatcher conforms() {
        return result -> assertConforms(result.getRequest(), result.getResponse());
    }

    public void assertConforms(MockHttpServletRequest request, MockHttpServletResponse response) throws IOException {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.getStatus());
        for (String name : response.getHeaderNames()) {
            builder.withHeader(name, response.getHeaders(name));
        }
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            builder.withBody(body);
        }
        assertConforms(request.getMethod(), request.getRequestURI(), builder.build());
    }

    public void assertConforms(String method, String path, SimpleResponse response) {
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response);
        if (report.hasErrors()) {
            throw new AssertionError("The " + response.getStatus() + " answer to " + method + " " + path
                    + " breaks the contract:\n"
                    + String.join(
                            "\n",
                            Collections.unmodifiableList(report.getMessages().stream()
                                    .map(ValidationReport.Message::toString)
                                    .toList()))
                    + "\nbody: "
                    + response.getResponseBody()
                            .map(b -> {
                                try {
                                    return b.toString(StandardCharsets.UTF_8);
                                } catch (IOException e) {
                                    return "?";
                                }
                            })
                            .orElse(""));
        }
    }
}
