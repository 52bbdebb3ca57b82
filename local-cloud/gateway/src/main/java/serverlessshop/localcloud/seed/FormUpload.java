package serverlessshop.localcloud.seed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The form POST a browser sends with a presigned upload (the products API's {@code PresignedPost}):
 * every field as given and in its order, then the file, last, as the field {@code file}.
 */
public final class FormUpload {

    private FormUpload() {}

    /**
     * @param upload the {@code upload} of a createProductImage answer: {@code url}, {@code fields}
     * @param origin the page's origin, sent as a browser sends it (the bucket's CORS rule names it)
     */
    public static HttpResponse<String> post(
            HttpClient http, JsonNode upload, byte[] file, String filename, String origin)
            throws IOException, InterruptedException {
        String boundary = "----shop-upload-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String contentType = "application/octet-stream";
        for (JsonNode field : upload.path("fields")) {
            String name = field.path("name").asText();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                            + field.path("value").asText() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (name.equalsIgnoreCase("Content-Type")) {
                contentType = field.path("value").asText();
            }
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Origin", origin)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
