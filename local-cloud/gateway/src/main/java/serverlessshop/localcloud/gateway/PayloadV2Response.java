package serverlessshop.localcloud.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a function's answer into the HTTP response, as API Gateway reads payload format 2.0: a JSON
 * object with {@code statusCode} is a response ({@code headers}, {@code multiValueHeaders},
 * {@code cookies} as Set-Cookie, {@code body}, base64-decoded when {@code isBase64Encoded}); any
 * other valid JSON is the body of a 200 {@code application/json} response. Anything else is not a
 * response API Gateway can use: 500.
 */
public final class PayloadV2Response {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadV2Response() {}

    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    public static HttpReply of(byte[] output) throws Unreadable {
        JsonNode response;
        try {
            response = JSON.readTree(output);
        } catch (IOException e) {
            throw new Unreadable("the function's response is not JSON");
        }
        if (response == null || response.isMissingNode()) {
            throw new Unreadable("the function's response is empty");
        }
        if (!response.isObject() || !response.has("statusCode")) {
            return HttpReply.json(200, new String(output, StandardCharsets.UTF_8).trim());
        }
        if (!response.get("statusCode").canConvertToInt()
                || response.get("statusCode").asInt() < 100
                || response.get("statusCode").asInt() > 599) {
            throw new Unreadable("the function's statusCode is not an HTTP status: " + response.get("statusCode"));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.path("headers")
                .properties()
                .forEach(header -> headers.put(
                        header.getKey().toLowerCase(Locale.ROOT),
                        new ArrayList<>(List.of(header.getValue().asText()))));
        response.path("multiValueHeaders").properties().forEach(header -> {
            // A name already in "headers" keeps that value: the two maps describe the same headers.
            if (!headers.containsKey(header.getKey().toLowerCase(Locale.ROOT))) {
                List<String> values = new ArrayList<>();
                header.getValue().forEach(value -> values.add(value.asText()));
                headers.put(header.getKey().toLowerCase(Locale.ROOT), values);
            }
        });
        response.path("cookies")
                .forEach(cookie -> headers.computeIfAbsent("set-cookie", name -> new ArrayList<>())
                        .add(cookie.asText()));
        byte[] body = new byte[0];
        JsonNode bodyNode = response.path("body");
        if (bodyNode.isTextual()) {
            body = response.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(bodyNode.textValue())
                    : bodyNode.textValue().getBytes(StandardCharsets.UTF_8);
        }
        return new HttpReply(response.get("statusCode").asInt(), headers, body);
    }
}
