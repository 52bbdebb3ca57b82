package serverlessshop.localcloud.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request a check sends: method, path with its query (percent-encoded, as sent: the contract's
 * path), a bearer token, a JSON body, other headers, whether it breaks the contract on purpose (a
 * check of how bad input is refused: then only the answer is held to the contract), and whether it
 * is an administrator's, sent to the administrators' API (the deployment's {@code /admin}), and
 * whether it is outside the contracts altogether (then neither is held to them).
 */
record Call(
        String method,
        String target,
        String token,
        String body,
        Map<String, String> headers,
        boolean breaksContract,
        boolean administrators,
        boolean outsideContracts) {

    Call {
        headers = Map.copyOf(headers);
    }

    static Call get(String target) {
        return new Call("GET", target, null, null, Map.of(), false, false, false);
    }

    static Call send(String method, String target, String jsonBody) {
        return new Call(method, target, null, jsonBody, Map.of(), false, false, false);
    }

    Call token(String bearer) {
        return new Call(method, target, bearer, body, headers, breaksContract, administrators, outsideContracts);
    }

    /** With an administrator's token, to the administrators' API: the only one that takes it. */
    Call asAdministrator(String bearer) {
        return new Call(method, target, bearer, body, headers, breaksContract, true, outsideContracts);
    }

    Call header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Call(method, target, token, body, more, breaksContract, administrators, outsideContracts);
    }

    Call breakingTheContract() {
        return new Call(method, target, token, body, headers, true, administrators, outsideContracts);
    }

    /** A request no contract covers (an image's URL, served by CloudFront from the bucket): not held to them. */
    Call outsideTheContracts() {
        return new Call(method, target, token, body, headers, breaksContract, administrators, true);
    }

    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    String query() {
        int query = target.indexOf('?');
        return query < 0 ? "" : target.substring(query + 1);
    }

    @Override
    public String toString() {
        return method + " " + (administrators ? Deployment.ADMIN_PREFIX : "") + target
                + (token == null ? "" : administrators ? " (with an administrator's token)" : " (with a token)");
    }
}
