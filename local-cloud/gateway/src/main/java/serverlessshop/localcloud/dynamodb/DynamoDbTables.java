package serverlessshop.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Creates a table from its definition in AWS CLI {@code create-table --cli-input-json} form, which
 * is the CreateTable request of DynamoDB's JSON protocol as it is: the file is posted unchanged.
 * A table that exists already is left alone (its data stays).
 */
public final class DynamoDbTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DynamoDbTables(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    /** @return true when the table was created, false when it was there already */
    public boolean ensure(Path createTableJson) throws IOException, InterruptedException {
        String definition = Files.readString(createTableJson);
        String table = JSON.readTree(definition).path("TableName").asText();
        HttpResponse<String> described = call(
                "DescribeTable", JSON.createObjectNode().put("TableName", table).toString());
        if (described.statusCode() == 200) {
            return false;
        }
        if (!errorType(described).endsWith("ResourceNotFoundException")) {
            throw new IOException("DescribeTable " + table + ": " + described.body());
        }
        HttpResponse<String> created = call("CreateTable", definition);
        if (created.statusCode() != 200 && !errorType(created).endsWith("ResourceInUseException")) {
            throw new IOException("CreateTable from " + createTableJson + ": " + created.body());
        }
        return created.statusCode() == 200;
    }

    /**
     * A table made before its definition had a stream (an older .data/dynamodb) gets the stream the
     * definition names ({@code StreamSpecification}), as Terraform would add it to the table in AWS.
     *
     * @return true when the stream was added now
     */
    public boolean ensureStream(Path createTableJson) throws IOException, InterruptedException {
        JsonNode definition = JSON.readTree(Files.readString(createTableJson));
        JsonNode wanted = definition.path("StreamSpecification");
        if (!wanted.path("StreamEnabled").asBoolean(false)) {
            return false;
        }
        String table = definition.path("TableName").asText();
        HttpResponse<String> described = call(
                "DescribeTable", JSON.createObjectNode().put("TableName", table).toString());
        if (described.statusCode() != 200) {
            throw new IOException("DescribeTable " + table + ": " + described.body());
        }
        JsonNode current = JSON.readTree(described.body()).path("Table").path("StreamSpecification");
        if (current.path("StreamEnabled").asBoolean(false)) {
            return false;
        }
        com.fasterxml.jackson.databind.node.ObjectNode update =
                JSON.createObjectNode().put("TableName", table);
        update.set("StreamSpecification", wanted);
        HttpResponse<String> updated = call("UpdateTable", update.toString());
        if (updated.statusCode() != 200) {
            throw new IOException("UpdateTable " + table + " (its stream): " + updated.body());
        }
        return true;
    }

    private HttpResponse<String> call(String operation, String body) throws IOException, InterruptedException {
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").format(ZonedDateTime.now(ZoneOffset.UTC));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                // DynamoDB Local wants a SigV4-shaped header but checks no signature.
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=local/" + date
                                + "/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String errorType(HttpResponse<String> response) {
        try {
            JsonNode error = JSON.readTree(response.body());
            return error.path("__type").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
