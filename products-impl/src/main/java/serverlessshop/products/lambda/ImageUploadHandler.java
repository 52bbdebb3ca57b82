package serverlessshop.products.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import serverlessshop.products.ProductsApplication;
import serverlessshop.products.images.UploadedImages;
import serverlessshop.support.lambda.ScheduledFunction;

/**
 * The image function: S3 notifies it of every object created under {@code uploads/}, and it checks
 * and resizes each upload into the image's sizes (UploadedImages). The products application without
 * a web server, as for the sweep. A failure that is not the file's (the store or the database away)
 * fails the invocation, and Lambda delivers the event again: processing twice is harmless.
 */
public class ImageUploadHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final ScheduledFunction FUNCTION =
            ScheduledFunction.start(ProductsApplication.class, "shop.reservations.sweep-enabled=false");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FUNCTION.run(context, application -> {
            UploadedImages images = application.getBean(UploadedImages.class);
            Map<UploadedImages.Outcome, Integer> counts = new EnumMap<>(UploadedImages.Outcome.class);
            for (String key : objectKeys(event)) {
                counts.merge(images.process(key), 1, Integer::sum);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            for (UploadedImages.Outcome outcome : UploadedImages.Outcome.values()) {
                answer.put("images_" + outcome.name().toLowerCase(Locale.ROOT), counts.getOrDefault(outcome, 0));
            }
            return answer;
        });
    }

    /**
     * The keys of an S3 event notification's records, decoded: S3 writes them URL-encoded as in a form
     * ({@code +} for a space).
     */
    static List<String> objectKeys(Map<String, Object> event) {
        if (!(event.get("Records") instanceof List<?> records)) {
            return List.of();
        }
        return records.stream()
                .filter(record -> record instanceof Map<?, ?> map
                        && "aws:s3".equals(map.get("eventSource"))
                        && String.valueOf(map.get("eventName")).startsWith("ObjectCreated:"))
                .map(record -> ((Map<?, ?>) record).get("s3"))
                .filter(s3 -> s3 instanceof Map<?, ?> map && map.get("object") instanceof Map<?, ?>)
                .map(s3 -> ((Map<?, ?>) ((Map<?, ?>) s3).get("object")).get("key"))
                .filter(String.class::isInstance)
                .map(key -> URLDecoder.decode((String) key, StandardCharsets.UTF_8))
                .toList();
    }
}
