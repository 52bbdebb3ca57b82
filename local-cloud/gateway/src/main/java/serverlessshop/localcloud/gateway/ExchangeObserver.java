package serverlessshop.localcloud.gateway;

/** Sees every exchange of the gateway's port once its answer is known, before it is written. */
@FunctionalInterface
public interface ExchangeObserver {

    ExchangeObserver NONE = (request, reply) -> {};

    void seen(IncomingRequest request, HttpReply reply);
}
