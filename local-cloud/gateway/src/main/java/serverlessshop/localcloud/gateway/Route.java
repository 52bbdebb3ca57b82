package serverlessshop.localcloud.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One route of {@code routes.json}, as api-spec writes it: Terraform builds the API Gateway routes
 * from the same file, so the local gateway and AWS cannot disagree on what exists.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Route(
        @JsonProperty("route_key") String routeKey,
        @JsonProperty("method") String method,
        @JsonProperty("path") String path,
        @JsonProperty("operation_id") String operationId,
        @JsonProperty("function") String function,
        @JsonProperty("authorization") Authorization authorization) {

    /** What the API Gateway JWT authorizer checks before the function runs ({@code groups} are the function's). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Authorization(
            @JsonProperty("type") String type,
            @JsonProperty("scopes") List<String> scopes,
            @JsonProperty("groups") List<String> groups) {

        public static final Authorization NONE = new Authorization("none", List.of(), List.of());

        public Authorization {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        public boolean isJwt() {
            return "jwt".equals(type);
        }
    }

    public Route {
        authorization = authorization == null ? Authorization.NONE : authorization;
    }
}
