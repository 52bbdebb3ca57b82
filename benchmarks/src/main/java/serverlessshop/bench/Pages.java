package serverlessshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Walks a keyset-paginated list through the API to the cursor of a deep page: the cursor is opaque,
 * so the only honest way to page 1000 is the way a client gets there. Pages of 100 (the API's
 * maximum) first, then of the page size, so that the cursor is exactly where page N starts.
 */
final class Pages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LARGEST = 100;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param listPath      e.g. /products?limit= (the limit is appended)
     * @param authorization a bearer header value, or null
     * @return the cursor of page {@code page} of {@code pageSize} items
     */
    String cursorOfPage(String baseUrl, String listPath, String authorization, int page, int pageSize)
            throws IOException, InterruptedException {
        int skip = (page - 1) * pageSize;
        String cursor = null;
        for (int walked = 0; walked < skip; ) {
            int limit = skip - walked >= LARGEST ? LARGEST : pageSize;
            String url = baseUrl
                    + listPath
                    + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(35));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            walked += body.path("items").size();
            cursor = body.path("next_cursor").asText(null);
            if (cursor == null || body.path("items").isEmpty()) {
                throw new IOException("the list ended after " + walked + " items, before page " + page);
            }
        }
        return cursor;
    }
}
