package serverlessshop.localcloud.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.Repository;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The SES v2 emulator's process: started from the repository's node_modules, taking SendEmail, stopped. */
class SesInboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsTheMailsSentToItAndStopsWithTheStack() throws Exception {
        SesInbox inbox;
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // Its port taken: it takes a free one and says which.
            inbox = SesInbox.start(Repository.root(), taken.getLocalPort());
            assertThat(inbox.port()).isNotEqualTo(taken.getLocalPort());
        }
        try (inbox) {
            inbox.awaitReady(Duration.ofSeconds(30));
            try (SesV2Client ses = SesV2Client.builder()
                    .endpointOverride(URI.create(inbox.endpoint()))
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                ses.sendEmail(request -> request.fromEmailAddress("orders@shop.example")
                        .destination(to -> to.toAddresses("alice@example.com"))
                        .content(content -> content.simple(message -> message.subject(text -> text.data("Hello"))
                                .body(body -> body.text(text -> text.data("A mail."))
                                        .html(html -> html.data("<p>A mail.</p>"))))));
            }
            HttpResponse<String> store = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(inbox.endpoint() + "/store"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode mails = JSON.readTree(store.body()).path("emails");
            assertThat(mails).hasSize(1);
            assertThat(mails.get(0).path("subject").asText()).isEqualTo("Hello");
            assertThat(mails.get(0).path("destination").toString()).contains("alice@example.com");
        }
        assertThat(inbox.isAlive()).isFalse();
    }
}
