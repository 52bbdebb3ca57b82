package serverlessshop.localcloud.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ClaimStringsTest {

    @Test
    void everyClaimBecomesAStringTheWayApiGatewayWritesIt() throws Exception {
        var payload = new ObjectMapper().readTree("""
                {"sub": "alice", "exp": 1758453600, "ratio": 1.5, "email_verified": true,
                 "cognito:groups": ["admin", "staff"], "one": ["admin"], "empty": [],
                 "address": {"country": "NL", "city": "Delft"}, "nothing": null}""");
        assertThat(ClaimStrings.of(payload))
                .containsEntry("sub", "alice")
                .containsEntry("exp", "1758453600")
                .containsEntry("ratio", "1.5")
                .containsEntry("email_verified", "true")
                .containsEntry("cognito:groups", "[admin staff]")
                .containsEntry("one", "[admin]")
                .containsEntry("empty", "[]")
                .containsEntry("address", "map[city:Delft country:NL]")
                .doesNotContainKey("nothing");
    }
}
