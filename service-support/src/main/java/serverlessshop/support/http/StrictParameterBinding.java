package serverlessshop.support.http;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Path, query and header parameters read exactly as the contracts write them (see
 * {@link StrictScalars} and {@link StrictUuids}): Spring's own parsing is lenient where the contracts
 * are not, taking {@code ١} (an Arabic-Indic digit) or {@code 0x10} for an integer, {@code yes} or
 * {@code 1} for true, and {@code 1-1-1-1-1} for a UUID.
 * <p>
 * Custom editors, not converters: when a converter refuses a value, Spring falls back to its
 * default editors ({@code CustomNumberEditor}, {@code CustomBooleanEditor}, {@code UUIDEditor}),
 * which take exactly those values.
 */
@ControllerAdvice
public class StrictParameterBinding {

    @InitBinder
    void strictParameters(WebDataBinder binder) {
        register(binder, UUID.class, StrictUuids::parse);
        register(binder, Integer.class, StrictScalars::parseInteger);
        register(binder, int.class, StrictScalars::parseInteger);
        register(binder, Long.class, StrictScalars::parseLong);
        register(binder, long.class, StrictScalars::parseLong);
        register(binder, Boolean.class, StrictScalars::parseBoolean);
        register(binder, boolean.class, StrictScalars::parseBoolean);
    }

    private static <T> void register(WebDataBinder binder, Class<T> type, Function<String, T> parse) {
        binder.registerCustomEditor(type, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(parse.apply(text));
            }
        });
    }
}
