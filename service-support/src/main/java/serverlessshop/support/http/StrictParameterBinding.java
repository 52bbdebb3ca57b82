package serverlessshop.support.http;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * UUIDs in paths, query strings and headers exactly as the contracts' {@code format: uuid} says
 * (see {@link StrictUuids}). A custom editor, not a converter: when a converter refuses a value,
 * Spring falls back to its default {@code UUIDEditor}, whose {@code UUID.fromString} takes
 * {@code 1-1-1-1-1}, so one reservation answered to many ids.
 */
@ControllerAdvice
public class StrictUuidBinding {

    @InitBinder
    void strictUuids(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(StrictUuids.parse(text));
            }
        });
    }
}
