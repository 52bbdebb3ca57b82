package serverlessshop.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import serverlessshop.localcloud.Console;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB stream as Lambda's event source mapping reads it for a function: every shard, a new
 * one as it appears (after its parent is read to its end), from its oldest record the first time;
 * batches of up to 100 records in Lambda's event shape, the function invoked synchronously, its
 * {@code batchItemFailures} honoured (the records before the first failed one are done, the batch is
 * tried again from it); a batch that keeps failing is retried after each of the retry delays, then
 * its records go to the dead-letter file and the shard goes on. The last done record of each shard
 * is kept in the checkpoint file, so a restart goes on from there.
 */
public final class StreamEventSource implements AutoCloseable {

    /** A failing batch's retries: three, with a growing delay. */
    public static final List<Duration> RETRY_DELAYS =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(15));

    public static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH_SIZE = 100;

    /** Invokes the function synchronously; its answer, or an exception when it failed. */
    @FunctionalInterface
    public interface Target {
        byte[] invoke(byte[] event) throws Exception;
    }

    /** Where the source keeps its state: the checkpoints and the dead letters. */
    public record StateFiles(Path checkpoint, Path deadLetters) {}

    private static final class ShardState {
        final String id;
        final String parent;
        String iterator;
        List<Record> pending = List.of();
        int failures;
        long retryAt;
        boolean ended;

        ShardState(String id, String parent) {
            this.id = id;
            this.parent = parent;
        }
    }

    private final DynamoDbStreamsClient streams;
    private final String table;
    private final String function;
    private final Target target;
    private final StateFiles files;
    private final List<Duration> retryDelays;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    /** Each shard's last done sequence number; a shard read to its end is "end". */
    private final Map<String, String> checkpoints = new LinkedHashMap<>();

    private String streamArn;
    private String lastProblem;
    private volatile boolean running = true;
    private Thread poller;

    public StreamEventSource(
            DynamoDbStreamsClient streams,
            String table,
            String function,
            Target target,
            StateFiles files,
            List<Duration> retryDelays) {
        this.streams = streams;
        this.table = table;
        this.function = function;
        this.target = target;
        this.files = files;
        this.retryDelays = List.copyOf(retryDelays);
    }

    /** Reads the checkpoints, then polls every {@code interval} until closed. */
    public StreamEventSource start(Duration interval) throws IOException {
        if (Files.exists(files.checkpoint())) {
            JsonNode saved = JSON.readTree(files.checkpoint().toFile());
            streamArn = saved.path("stream").asText(null);
            saved.path("shards")
                    .properties()
                    .forEach(entry ->
                            checkpoints.put(entry.getKey(), entry.getValue().asText()));
        }
        poller = Thread.ofVirtual().name("stream-" + function).start(() -> {
            while (running) {
                try {
                    poll();
                    lastProblem = null;
                } catch (Exception e) {
                    if (!running) {
                        return;
                    }
                    String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (!problem.equals(lastProblem)) {
                        Console.line(function, "reading the " + table + " table's stream: " + problem);
                        lastProblem = problem;
                    }
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    /** One round: the shards as they are now, each read as far as its function takes them. */
    void poll() throws Exception {
        String latest = streams.listStreams(request -> request.tableName(table)).streams().stream()
                .reduce((first, second) -> second)
                .map(stream -> stream.streamArn())
                .orElse(null);
        if (latest == null) {
            return;
        }
        if (!latest.equals(streamArn)) {
            // A table made afresh (another stream): the old shards' checkpoints mean nothing there.
            if (streamArn != null) {
                checkpoints.clear();
            }
            shards.clear();
            streamArn = latest;
        }
        for (Shard shard : describe()) {
            shards.computeIfAbsent(shard.shardId(), id -> new ShardState(id, shard.parentShardId()));
        }
        for (ShardState shard : shards.values()) {
            ShardState parent = shard.parent == null ? null : shards.get(shard.parent);
            boolean parentDone = parent == null || parent.ended || "end".equals(checkpoints.get(parent.id));
            if (!shard.ended && !"end".equals(checkpoints.get(shard.id)) && parentDone) {
                read(shard);
            }
        }
    }

    private List<Shard> describe() {
        List<Shard> all = new ArrayList<>();
        String after = null;
        do {
            String start = after;
            StreamDescription description = streams.describeStream(DescribeStreamRequest.builder()
                            .streamArn(streamArn)
                            .exclusiveStartShardId(start)
                            .build())
                    .streamDescription();
            all.addAll(description.shards());
            after = description.lastEvaluatedShardId();
        } while (after != null);
        return all;
    }

    /** Batches of the shard for as long as the function takes them and there are records. */
    private void read(ShardState shard) throws Exception {
        while (running) {
            if (shard.pending.isEmpty()) {
                if (!fetch(shard)) {
                    return;
                }
            }
            if (System.nanoTime() < shard.retryAt) {
                return;
            }
            if (!invoke(shard)) {
                return;
            }
        }
    }

    /** @return whether there are records to hand on */
    private boolean fetch(ShardState shard) throws IOException {
        if (shard.iterator == null) {
            String done = checkpoints.get(shard.id);
            shard.iterator = streams.getShardIterator(request -> {
                        request.streamArn(streamArn).shardId(shard.id);
                        if (done == null) {
                            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                        } else {
                            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                    .sequenceNumber(done);
                        }
                    })
                    .shardIterator();
        }
        GetRecordsResponse records;
        try {
            String iterator = shard.iterator;
            records = streams.getRecords(
                    request -> request.shardIterator(iterator).limit(BATCH_SIZE));
        } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
            shard.iterator = null;
            return false;
        }
        shard.iterator = records.nextShardIterator();
        shard.pending = List.copyOf(records.records());
        if (shard.pending.isEmpty() && shard.iterator == null) {
            shard.ended = true;
            checkpoints.put(shard.id, "end");
            save();
        }
        return !shard.pending.isEmpty();
    }

    /** @return whether the whole batch is done */
    private boolean invoke(ShardState shard) throws IOException {
        List<Record> batch = shard.pending;
        int done;
        String failure;
        try {
            byte[] answer = target.invoke(
                    StreamRecords.event(batch, streamArn).toString().getBytes(StandardCharsets.UTF_8));
            done = firstFailed(batch, answer);
            failure = done == batch.size() ? null : "batchItemFailures from " + sequence(batch.get(done));
        } catch (Exception e) {
            done = 0;
            failure = e.getMessage();
        }
        if (done > 0) {
            checkpoints.put(shard.id, sequence(batch.get(done - 1)));
            save();
        }
        shard.pending = batch.subList(done, batch.size());
        if (failure == null) {
            shard.failures = 0;
            return true;
        }
        if (shard.failures < retryDelays.size()) {
            Duration delay = retryDelays.get(shard.failures++);
            shard.retryAt = System.nanoTime() + delay.toNanos();
            Console.line(
                    function,
                    shard.pending.size() + " stream records failed (" + failure + "); retrying in " + delay.toMillis()
                            + " ms");
            return false;
        }
        Path file = files.deadLetters();
        for (Record record : shard.pending) {
            JsonLines.append(file, StreamRecords.record(record, streamArn));
        }
        Console.line(
                function,
                shard.pending.size() + " stream records failed (" + failure + ") after " + retryDelays.size()
                        + " retries: in " + file);
        checkpoints.put(shard.id, sequence(shard.pending.getLast()));
        save();
        shard.pending = List.of();
        shard.failures = 0;
        return true;
    }

    /** The index of the first record the function reported failed (the batch's size: none). */
    private static int firstFailed(List<Record> batch, byte[] answer) throws IOException {
        JsonNode failures = answer.length == 0 ? null : JSON.readTree(answer).path("batchItemFailures");
        if (failures == null || !failures.isArray() || failures.isEmpty()) {
            return batch.size();
        }
        int first = batch.size();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (sequence(batch.get(i)).equals(id)) {
                    index = i;
                }
            }
            // An identifier that is not in the batch fails the whole batch, as in Lambda.
            first = Math.min(first, index < 0 ? 0 : index);
        }
        return first;
    }

    private static String sequence(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    private void save() throws IOException {
        ObjectNode saved = JSON.createObjectNode();
        saved.put("stream", streamArn);
        ObjectNode done = saved.putObject("shards");
        checkpoints.forEach(done::put);
        Path file = files.checkpoint();
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, saved.toPrettyString());
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (poller != null) {
            poller.interrupt();
            poller.join(Duration.ofSeconds(10));
        }
        streams.close();
    }
}
