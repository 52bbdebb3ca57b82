package serverlessshop.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import serverlessshop.support.logging.CorrelationIds;
import serverlessshop.support.problem.ContractNames.Parameter;
import serverlessshop.support.security.ProblemSecurityHandlers;

/**
 * Answers every error as RFC 9457 problem+json with the stable {@code code} of the contracts and,
 * for bad input, an {@code errors} list naming each field as the client sent it. Never a stack trace.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error answering {}", path(request), ex);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR",
                "Something went wrong on our side. Try again later.");
        // As the contract says: the id the error's log lines carry, for whoever reports it.
        String requestId = CorrelationIds.current();
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /**
     * The firewall checks a header when something first reads it, which may be a controller: then
     * the refusal arrives here rather than at the filter chain's handler. Either way, a 400.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> requestRejected(Exception ex, WebRequest request) {
        ProblemDetail problem = ProblemSecurityHandlers.rejected();
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * The generated interfaces are {@code @Validated}, so constraints on query, path and header
     * parameters are checked by Spring's method-validation proxy, which reports Java parameter
     * names: answer with the names the contract uses.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            errors.add(ContractNames.fieldProblem(violation));
        }
        return invalid(ex, errors, new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(FieldProblem.body(ContractNames.jsonPath(error.getField()), error.getDefaultMessage()));
        }
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            Parameter parameter = Parameter.of(result.getMethodParameter());
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors
                        .getFieldErrors()
                        .forEach(error -> errors.add(FieldProblem.body(
                                ContractNames.jsonPath(error.getField()), error.getDefaultMessage())));
            } else {
                result.getResolvableErrors()
                        .forEach(error -> errors.add(
                                new FieldProblem(parameter.name(), parameter.in(), error.getDefaultMessage())));
            }
        });
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            if (HttpHeaders.IF_MATCH.equalsIgnoreCase(missing.getHeaderName())) {
                ProblemDetail problem = Problems.of(
                        HttpStatus.PRECONDITION_REQUIRED,
                        "PRECONDITION_REQUIRED",
                        "This change needs an If-Match header with the ETag of the version it is based on.");
                return handleExceptionInternal(ex, problem, headers, HttpStatus.PRECONDITION_REQUIRED, request);
            }
            return invalid(
                    ex, List.of(new FieldProblem(missing.getHeaderName(), "header", "is required")), headers, request);
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return invalid(
                    ex,
                    List.of(new FieldProblem(missing.getParameterName(), "query", "is required")),
                    headers,
                    request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            Parameter parameter = Parameter.of(mismatch.getParameter());
            return invalid(
                    ex,
                    List.of(new FieldProblem(
                            parameter.name(), parameter.in(), "must be " + describe(mismatch.getRequiredType()))),
                    headers,
                    request);
        }
        return super.handleTypeMismatch(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalid(
                    ex,
                    List.of(FieldProblem.body(ContractNames.jsonPath(unknown), "is not a field of this request")),
                    headers,
                    request);
        }
        if (cause instanceof InvalidFormatException invalid) {
            return invalid(
                    ex,
                    List.of(FieldProblem.body(
                            ContractNames.jsonPath(invalid), "must be " + describe(invalid.getTargetType()))),
                    headers,
                    request);
        }
        if (cause instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            return invalid(
                    ex,
                    List.of(FieldProblem.body(
                            ContractNames.jsonPath(mismatched), "must be " + describe(mismatched.getTargetType()))),
                    headers,
                    request);
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // Thrown while building a model, e.g. an unknown enum value reported by the model itself.
            return invalid(
                    ex,
                    List.of(FieldProblem.body(ContractNames.jsonPath(mapping), mapping.getOriginalMessage())),
                    headers,
                    request);
        }
        String detail = cause instanceof JsonProcessingException
                ? "The request body is not valid JSON."
                : "A JSON request body is required.";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", detail);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                Problems.of(status, "UNSUPPORTED_MEDIA_TYPE", "The request body must be application/json.");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Every answer of this handler passes here: give it the contract's type, code and instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail
                ? detail
                : ex instanceof ErrorResponse response ? response.getBody() : ProblemDetail.forStatus(status);
        if (Problems.code(problem) == null) {
            Problems.withCode(problem, codeFor(status));
        }
        if (problem.getInstance() == null) {
            problem.setInstance(Problems.instance(path(request)));
        }
        return super.handleExceptionInternal(ex, problem, headers, status, request);
    }

    private ResponseEntity<Object> invalid(
            Exception ex, List<FieldProblem> errors, HttpHeaders headers, WebRequest request) {
        return handleExceptionInternal(ex, Problems.validationFailed(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return switch (known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known) {
            case BAD_REQUEST -> "BAD_REQUEST";
            case NOT_FOUND -> "NOT_FOUND";
            case INTERNAL_SERVER_ERROR -> "INTERNAL_ERROR";
            case PAYLOAD_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            default -> known.name();
        };
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "Integer", "int", "Long", "long" -> "an integer";
            case "BigDecimal", "Double", "double" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "OffsetDateTime", "Instant" -> "an ISO-8601 date-time";
            default -> type.isArray() || List.class.isAssignableFrom(type) ? "an array" : "an object";
        };
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : "/";
    }
}
