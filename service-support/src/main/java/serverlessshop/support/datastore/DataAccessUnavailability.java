package serverlessshop.support.datastore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring's data-access exceptions that mean the database is away rather than the request or the
 * code wrong (no connection, no transaction, a timeout) answered as {@link DatastoreUnavailable}: a
 * JDBC pool reconnects by itself when the database is back, so the client only has to retry.
 * Ahead of the problem handler, whose catch-all would make them a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DataAccessUnavailability {

    private static final Logger log = LoggerFactory.getLogger(DataAccessUnavailability.class);

    private final ShopDatastoreProperties properties;
    private final ResponseEntityExceptionHandler problems;

    public DataAccessUnavailability(ShopDatastoreProperties properties, ResponseEntityExceptionHandler problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        QueryTimeoutException.class
    })
    ResponseEntity<Object> unavailable(Exception e, WebRequest request) throws Exception {
        log.warn("The {} is unavailable: {}", properties.name(), e.getMessage());
        return problems.handleException(new DatastoreUnavailable(properties.name()), request);
    }
}
