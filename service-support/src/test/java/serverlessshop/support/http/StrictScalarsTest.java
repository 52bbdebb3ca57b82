package serverlessshop.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameters in the JSON form the contracts' validators read, and nothing Java's parsing also takes. */
class StrictScalarsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-1", "100", "2147483647", "-2147483648"})
    void integersInJsonFormAreRead(String text) {
        assertThat(StrictScalars.parseInteger(text)).isEqualTo(Integer.valueOf(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u0661",
                "\u0967",
                "+5",
                " 5",
                "5 ",
                "05",
                "0x10",
                "#10",
                "1e2",
                "5.0",
                "",
                "-",
                "2147483648",
                "99999999999999999999"
            })
    void anythingElseIsNotAnInteger(String text) {
        assertThatThrownBy(() -> StrictScalars.parseInteger(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void booleansAreTrueOrFalse(String text) {
        assertThat(StrictScalars.parseBoolean(text)).isEqualTo(Boolean.valueOf(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "on", "off", "1", "0", "TRUE", "False", " true", ""})
    void anythingElseIsNotABoolean(String text) {
        assertThatThrownBy(() -> StrictScalars.parseBoolean(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
