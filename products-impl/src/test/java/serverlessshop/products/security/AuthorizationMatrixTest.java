package serverlessshop.products.security;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import serverlessshop.products.testing.WholeProductsService;
import serverlessshop.support.testing.ContractOperations;
import serverlessshop.support.testing.ContractOperations.ExampleRequest;
import serverlessshop.support.testing.ContractValidator;
import serverlessshop.support.testing.TestCaller;

/**
 * Every operation of products.yaml against every kind of caller, with a bearer token validated
 * by the service: the expected outcome comes from the contract's security requirements.
 */
@WholeProductsService
class AuthorizationMatrixTest {

    static final ContractValidator CONTRACT = ContractValidator.forContract("products");

    @Autowired
    MockMvc mvc;

    static Stream<Arguments> cells() {
        return ContractOperations.examples("products")
                .flatMap(
                        operation -> Arrays.stream(TestCaller.values()).map(caller -> Arguments.of(operation, caller)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void eachCallerGetsWhatTheContractAllows(ExampleRequest operation, TestCaller caller) throws Exception {
        var request = operation.toMockMvc();
        if (caller.authorization() != null) {
            request.header("Authorization", caller.authorization());
        }
        var result = mvc.perform(request).andReturn();
        MockHttpServletResponse response = result.getResponse();
        CONTRACT.assertConforms(result.getRequest(), response);

        caller.assertAnswerFor(operation.access(), response);
    }
}
