package serverlessshop.support.datastore;

import serverlessshop.support.problem.ServiceUnavailable;

/**
 * The one way a service says that its own datastore cannot serve it for a moment (unreachable,
 * throttling, timing out): 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}, so that clients
 * wait and retry. A service throws it where it calls its datastore (orders' DynamoDB calls); Spring's
 * data-access exceptions are answered the same way without a throw ({@link DataAccessUnavailability}).
 */
public class DatastoreUnavailable extends ServiceUnavailable {

    /** Long enough for a connection pool to reconnect or a throttled table to recover; short for a shopper. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /**
     * @param datastore what the service's clients know the datastore as, e.g. "order store"; whoever
     *                  throws this logs the datastore's own exception, which is no part of the answer
     */
    public DatastoreUnavailable(String datastore) {
        super("The " + datastore + " is unavailable for a moment. Try again shortly.", RETRY_AFTER_SECONDS);
    }
}
