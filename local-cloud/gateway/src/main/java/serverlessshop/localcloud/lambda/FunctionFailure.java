package serverlessshop.localcloud.lambda;

/**
 * An invocation that produced no response: the handler threw (reported to {@code /error}), the
 * function could not initialize ({@code /init/error}), or its process ended. API Gateway answers
 * all of them with 500.
 */
public final class FunctionFailure extends Exception {

    private final String errorType;

    public FunctionFailure(String errorType, String message) {
        super(errorType + ": " + message);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
