package serverlessshop.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import serverlessshop.support.problem.ProblemException;

class CursorsTest {

    private static final byte[] KEY = "a cursor key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final List<String> KEYS = List.of("name", "id");
    private static final Map<String, String> POSITION = Map.of("name", "Desk lamp", "id", "0192");

    @Test
    void anotherInstanceWithTheSameKeyReadsTheCursor() {
        String cursor = new Cursors(KEY).encode(POSITION);

        assertThat(new Cursors(KEY.clone()).decode(cursor, KEYS)).isEqualTo(POSITION);
        assertThat(cursor).matches("^[A-Za-z0-9_-]+$").hasSizeLessThan(512);
    }

    @Test
    void aCursorSignedWithAnotherKeyIsRefused() {
        String cursor = new Cursors("another key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8))
                .encode(POSITION);

        assertRefused(cursor);
    }

    @Test
    void aCursorWithAChangedPositionIsRefused() {
        byte[] bytes = Base64.getUrlDecoder().decode(new Cursors(KEY).encode(POSITION));
        bytes[bytes.length - 3] ^= 1;

        assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Test
    void aWellFormedPositionWithoutASignatureIsRefused() {
        // What cursors were before they were signed: base64url JSON
        assertRefused(Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"name\":\"Desk lamp\",\"id\":\"0192\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Cursors(new byte[31]));
    }

    private static void assertRefused(String cursor) {
        assertThatThrownBy(() -> new Cursors(KEY).decode(cursor, KEYS))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.getMessage() + problem.getBody())
                                .contains("cursor"));
    }
}
