package serverlessshop.localcloud.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;
import serverlessshop.localcloud.contract.ContractCheck.Verdict;

/** What the deployment answered to one {@link Call}, and what the contracts say of the exchange. */
record Answer(Call call, int status, HttpHeaders headers, String body, Verdict verdict) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    String contentType() {
        return header("Content-Type").orElse("");
    }

    /** The body as JSON, or a missing node when it is not JSON. */
    JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** e.g. {@code GET /products?limit=2 -> 200 application/json} */
    String summary() {
        String type = contentType();
        return call + " -> " + status + (type.isEmpty() ? "" : " " + type);
    }
}
