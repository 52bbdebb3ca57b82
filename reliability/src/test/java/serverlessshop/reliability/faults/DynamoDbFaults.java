package serverlessshop.reliability.faults;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failed DynamoDB writes, for the fault proxy in front of DynamoDB Local: a share of the writes
 * (PutItem, UpdateItem, DeleteItem) answered 500 or throttled, cut before they reach DynamoDB, or
 * cut after DynamoDB made them (the answer is lost: the SDK retries a write that was made); and,
 * while an outage is on, every write answered 500. Reads pass.
 */
public final class DynamoDbFaults extends SeededFaults {

    private static final Pattern TARGET = Pattern.compile("(?im)^x-amz-target:\\s*DynamoDB_\\d+\\.(\\w+)");
    private static final String JSON = "application/x-amz-json-1.0";

    public DynamoDbFaults(long seed, double rate) {
        super(seed, rate);
    }

    @Override
    public FaultProxy.Decision decide(String head) {
        Matcher target = TARGET.matcher(head);
        String operation = target.find() ? target.group(1) : "";
        boolean write = operation.equals("PutItem")
                || operation.equals("UpdateItem")
                || operation.equals("DeleteItem")
                || operation.equals("TransactWriteItems");
        if (!enabled() || !write) {
            return FaultProxy.Decision.PASS;
        }
        if (inOutage()) {
            return error("dynamodb write: 500 (outage)", 500, "InternalServerError");
        }
        double roll = roll();
        if (roll >= rate()) {
            return FaultProxy.Decision.PASS;
        }
        int kind = (int) (roll / rate() * 4);
        return switch (kind) {
            case 0 -> error("dynamodb write: 500", 500, "InternalServerError");
            case 1 -> error("dynamodb write: throttled", 400, "ThrottlingException");
            case 2 -> FaultProxy.Decision.refuse("dynamodb write: connection cut before it");
            default -> FaultProxy.Decision.loseAnswer("dynamodb write: made, answer lost (" + operation + ")");
        };
    }

    private static FaultProxy.Decision error(String kind, int status, String type) {
        return FaultProxy.Decision.answer(
                kind,
                status,
                status == 500 ? "Internal Server Error" : "Bad Request",
                JSON,
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"injected by the"
                        + " reliability suite\"}");
    }
}
