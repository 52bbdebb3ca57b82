package serverlessshop.orders.store;

import java.time.Instant;

/**
 * What the orders table remembers of one {@code Idempotency-Key} of one customer, for the 24 hours
 * the contract promises: the order it stands for and the hash of the request that first used it.
 * While that request is being carried out the record is its claim ({@code placed} false, with the
 * attempt's {@code claimToken} and {@code claimedAt}); once the order is written it points at the
 * order. The order is an item of its own, which never expires; only this record does.
 *
 * @param orderId   the order this key places: chosen when the key is first claimed, kept by an attempt
 *                  that takes a crashed one over, so that every attempt walks the same reservation ids
 * @param expiresAt when the key is forgotten (the table's time-to-live attribute, epoch seconds):
 *                  24 hours after its first use
 */
public record IdempotencyRecord(
        String customerId,
        String idempotencyKey,
        String orderId,
        String requestHash,
        boolean placed,
        String claimToken,
        Instant claimedAt,
        Instant expiresAt) {

    /** A new claim of the key by one attempt. */
    public static IdempotencyRecord claim(
            String customerId,
            String idempotencyKey,
            String orderId,
            String requestHash,
            String claimToken,
            Instant now,
            Instant expiresAt) {
        return new IdempotencyRecord(
                customerId, idempotencyKey, orderId, requestHash, false, claimToken, now, expiresAt);
    }

    /** Past its expiry the record counts as absent, however long DynamoDB takes to delete it. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The same claim in the hands of another attempt. */
    public IdempotencyRecord takenOverBy(String token, Instant now) {
        return new IdempotencyRecord(customerId, idempotencyKey, orderId, requestHash, false, token, now, expiresAt);
    }
}
