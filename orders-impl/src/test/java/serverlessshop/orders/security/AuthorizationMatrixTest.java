package serverlessshop.orders.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.orders.testing.WholeOrdersService;
import serverlessshop.support.testing.ContractOperations;
import serverlessshop.support.testing.ContractOperations.ExampleRequest;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.GeneratedApis;
import serverlessshop.support.testing.TestCaller;

/**
 * Every operation of orders.yaml against every kind of caller, with a bearer token validated by the
 * service: the contract's security decides 401 and 403. Past it, whose orders a caller may see is an
 * object-level decision, tested on its own (BOLA tests); here the example's customer is the caller
 * itself, so a caller who passes security meets no object-level refusal either.
 */
@WholeOrdersService
class AuthorizationMatrixTest {

    static final ContractValidator CONTRACT = ContractValidator.forContract("orders");
    static final String EXAMPLE_CUSTOMER = "3c9e2f4a-81d7-4b6e-9f1a-7d2c5e8b0a13";

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    static Stream<Arguments> cells() {
        return ContractOperations.examples("orders")
                .flatMap(
                        operation -> Arrays.stream(TestCaller.values()).map(caller -> Arguments.of(operation, caller)));
    }

    @Test
    void everyGeneratedInterfaceIsImplementedByExactlyOneController() {
        var apis = GeneratedApis.interfacesIn("serverlessshop.orders.api");
        assertThat(apis).isNotEmpty();
        apis.forEach(api ->
                assertThat(context.getBeansOfType(api)).as(api.getSimpleName()).hasSize(1));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void eachCallerGetsWhatTheContractAllows(ExampleRequest operation, TestCaller caller) throws Exception {
        String authorization = caller.authorization();
        ExampleRequest own = authorization == null
                ? operation
                : new ExampleRequest(
                        operation.operationId(),
                        operation.method(),
                        operation.path().replace(EXAMPLE_CUSTOMER, subjectOf(authorization)),
                        operation.headers(),
                        operation.body(),
                        operation.access());
        var request = own.toMockMvc();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        var result = mvc.perform(request).andReturn();
        MockHttpServletResponse response = result.getResponse();
        CONTRACT.assertConforms(result.getRequest(), response);

        caller.assertAnswerFor(operation.access(), response);
    }

    /** The {@code sub} of a (possibly invalid) bearer token, read without checking it. */
    private static String subjectOf(String authorization) throws Exception {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        return new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .path("sub")
                .asText();
    }
}
