package serverlessshop.products.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What a browser does with a presigned upload: a {@code multipart/form-data} POST to its {@code url}
 * with every one of its {@code fields}, in order, then the file as the field {@code file}.
 */
public final class FormUpload {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FormUpload() {}

    /** Posts the file with the upload's fields as they are. */
    public static HttpResponse<String> post(JsonNode upload, byte[] file) {
        return post(upload, file, UnaryOperator.identity());
    }

    /** Posts the file with the upload's fields as {@code change} makes them (a forged form). */
    public static HttpResponse<String> post(JsonNode upload, byte[] file, UnaryOperator<Map<String, String>> change) {
        Map<String, String> fields = new LinkedHashMap<>();
        upload.path("fields")
                .forEach(field -> fields.put(
                        field.path("name").asText(), field.path("value").asText()));
        String boundary = "----form" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : change.apply(fields).entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                + "\"\r\n\r\n" + field.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                            + "Content-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(file);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the form upload failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
