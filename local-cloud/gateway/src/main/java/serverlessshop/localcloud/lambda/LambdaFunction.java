package serverlessshop.localcloud.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import serverlessshop.localcloud.Console;

/**
 * A Lambda function with up to {@code concurrency} instances (one by default: concurrent requests
 * then wait their turn instead of scaling out), each serving one invocation at a time, as every
 * Lambda instance does. An instance starts when an invocation finds none idle (a cold start); the
 * most recently used idle instance serves next, as Lambda tends to. When an instance has died,
 * crashed or been stopped for running past its deadline, it is dropped and a later invocation
 * starts a new one, like Lambda replacing a sandbox. An instance whose cold start outlasts a
 * request's deadline is left to finish starting, for the next request.
 */
public final class LambdaFunction implements AutoCloseable {

    public static final String REGION = "eu-west-1";

    private final FunctionImage image;
    private final Map<String, String> environment;
    private final Path runtimeLib;
    private final int concurrency;
    private final List<Path> addedJars;
    private final Semaphore slots;
    private final Deque<FunctionInstance> idle = new ConcurrentLinkedDeque<>();
    private final Set<FunctionInstance> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger coldStarts = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param environment the complete environment of the function's process: the image's ENV, the
     *                    function's configuration and Lambda's own variables ({@link LambdaEnvironment})
     * @param runtimeLib  the Runtime Interface Client and its jars (the base image's /var/runtime/lib)
     */
    public LambdaFunction(FunctionImage image, Map<String, String> environment, Path runtimeLib) {
        this(image, environment, runtimeLib, 1);
    }

    /** @param concurrency the most instances that run at once (Lambda's reserved concurrency) */
    public LambdaFunction(FunctionImage image, Map<String, String> environment, Path runtimeLib, int concurrency) {
        this(image, environment, runtimeLib, concurrency, List.of());
    }

    /** @param addedJars on the instances' class path after the image's and the runtime's jars */
    public LambdaFunction(
            FunctionImage image,
            Map<String, String> environment,
            Path runtimeLib,
            int concurrency,
            List<Path> addedJars) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("a function needs a concurrency of at least 1, not " + concurrency);
        }
        this.image = image;
        this.environment = Map.copyOf(environment);
        this.runtimeLib = runtimeLib;
        this.concurrency = concurrency;
        this.addedJars = List.copyOf(addedJars);
        this.slots = new Semaphore(concurrency, true);
    }

    public String name() {
        return image.name();
    }

    public FunctionImage image() {
        return image;
    }

    /** The environment every instance starts with. */
    public Map<String, String> environment() {
        return environment;
    }

    public int concurrency() {
        return concurrency;
    }

    /** How many events were handed to the function (none while requests are refused before it). */
    public int invocations() {
        return invocations.get();
    }

    public int coldStarts() {
        return coldStarts.get();
    }

    /** The process ids of the running instances (for the benchmarks' memory figures). */
    public List<Long> pids() {
        return live.stream()
                .filter(FunctionInstance::isAlive)
                .map(FunctionInstance::pid)
                .toList();
    }

    /**
     * Hands the event to an instance and waits for its response until the deadline.
     *
     * @throws FunctionFailure  the handler failed, the instance could not start or it died
     * @throws TimeoutException no response by the deadline; the instance is stopped, as Lambda ends a
     *                          timed-out invocation with its sandbox
     */
    public byte[] invoke(byte[] event, Instant deadline)
            throws FunctionFailure, TimeoutException, InterruptedException {
        return invoke(event, null, deadline);
    }

    /**
     * {@link #invoke(byte[], Instant)} with the client context of a direct invocation (its JSON), which
     * the instance's handler finds in its Lambda context.
     */
    public byte[] invoke(byte[] event, String clientContext, Instant deadline)
            throws FunctionFailure, TimeoutException, InterruptedException {
        if (!slots.tryAcquire(millisUntil(deadline), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException(name() + ": all " + concurrency
                    + " instance(s) stayed busy with earlier requests until the deadline");
        }
        try {
            if (closed) {
                throw new FunctionFailure("Runtime.ExitError", "the local cloud is stopping");
            }
            FunctionInstance current = idleOrNewInstance();
            try {
                return invoke(current, event, clientContext, deadline);
            } finally {
                if (live.contains(current) && current.isAlive() && !closed) {
                    idle.push(current);
                } else {
                    stop(current);
                }
            }
        } finally {
            slots.release();
        }
    }

    private byte[] invoke(FunctionInstance current, byte[] event, String clientContext, Instant deadline)
            throws FunctionFailure, TimeoutException, InterruptedException {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, clientContext, deadline);
        invocations.incrementAndGet();
        current.runtimeApi().submit(invocation);
        try {
            return invocation.result().get(millisUntil(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (current.runtimeApi().withdraw(invocation)) {
                // Still in its cold start: let it finish, the next request finds it ready (a timed-out
                // API Gateway request does not stop the Lambda instance's initialization either).
                Console.line(name(), "still starting at the deadline; the instance goes on starting");
            } else {
                Console.line(name(), "Task timed out: stopping this instance; the next request starts a new one");
                stop(current);
            }
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FunctionFailure failure) {
                throw failure;
            }
            throw new FunctionFailure("Runtime.Unknown", String.valueOf(e.getCause()));
        }
    }

    private FunctionInstance idleOrNewInstance() throws FunctionFailure {
        FunctionInstance candidate;
        while ((candidate = idle.poll()) != null) {
            if (candidate.isAlive()) {
                return candidate;
            }
            stop(candidate);
        }
        FunctionInstance started;
        try {
            started = FunctionInstance.start(image, environment, runtimeLib, addedJars, arn());
        } catch (IOException e) {
            throw new FunctionFailure("Runtime.StartError", "could not start the function's JVM: " + e.getMessage());
        }
        live.add(started);
        coldStarts.incrementAndGet();
        Console.line(name(), "cold start: new instance, pid " + started.pid() + ", handler " + image.handler());
        return started;
    }

    public String arn() {
        return "arn:aws:lambda:" + REGION + ":000000000000:function:" + name();
    }

    private void stop(FunctionInstance instance) {
        live.remove(instance);
        idle.remove(instance);
        instance.close();
    }

    private static long millisUntil(Instant deadline) {
        return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    /** Stops every instance, even while invocations run: the stack is shutting down. */
    @Override
    public void close() {
        closed = true;
        for (FunctionInstance instance : List.copyOf(live)) {
            stop(instance);
        }
    }
}
