package serverlessshop.reliability.invariant;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import serverlessshop.reliability.faults.DynamoDbFaults;
import serverlessshop.reliability.faults.FaultCounts;
import serverlessshop.reliability.faults.ProductsFaults;
import serverlessshop.reliability.stack.ShopStack;

/**
 * The faults that come in turns during the run, besides the proxies' steady share: a function
 * process killed (SIGKILL, whatever it is doing: usually in the middle of a request), a short
 * products outage, a short DynamoDB outage.
 */
final class Chaos {

    private final ShopStack stack;
    private final FaultCounts faults;
    private final ProductsFaults products;
    private final DynamoDbFaults dynamoDb;
    private final Random random;
    private volatile boolean running = true;

    Chaos(ShopStack stack, FaultCounts faults, ProductsFaults products, DynamoDbFaults dynamoDb, Random random) {
        this.stack = stack;
        this.faults = faults;
        this.products = products;
        this.dynamoDb = dynamoDb;
        this.random = random;
    }

    void run(Duration every) {
        int turn = 0;
        while (running) {
            if (!sleep(every)) {
                break;
            }
            switch (turn++ % 4) {
                case 0 -> kill("orders", ShopStack.ORDERS_HANDLER);
                case 1 ->
                    outage(
                            "products outage (1 s, every call refused)",
                            Duration.ofSeconds(1),
                            () -> products.outage(true),
                            () -> products.outage(false));
                case 2 -> kill("products", ShopStack.PRODUCTS_HANDLER);
                // Longer than the SDK's retries last, so that some writes fail for good.
                default ->
                    outage(
                            "dynamodb outage (3 s, every write 500)",
                            Duration.ofSeconds(3),
                            () -> dynamoDb.outage(true),
                            () -> dynamoDb.outage(false));
            }
        }
        // The run is over: no fault from here on, so that what is read afterwards is the system at rest.
        products.stop();
        dynamoDb.stop();
    }

    void stop() {
        running = false;
    }

    private void kill(String function, String handler) {
        List<ProcessHandle> instances = stack.instances(handler);
        if (instances.isEmpty()) {
            return;
        }
        ProcessHandle victim = instances.get(random.nextInt(instances.size()));
        if (victim.destroyForcibly()) {
            faults.add(function + " function process killed (SIGKILL)");
        }
    }

    private void outage(String kind, Duration length, Runnable on, Runnable off) {
        faults.add(kind);
        on.run();
        sleep(length);
        off.run();
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
