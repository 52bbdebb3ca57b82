package serverlessshop.support.origin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The value CloudFront adds to every request it sends to the API, which proves that a request came
 * through it (and so through its WAF web ACL) rather than straight to the API's own endpoint. Neither
 * {@code secret-arn} nor {@code values} set: no guard, every request is served (tests, and the
 * {@code s3-website} hosting, where the site calls the API's own endpoint).
 *
 * @param header    the request header that carries the value ({@code X-Origin-Verify})
 * @param secretArn the Secrets Manager secret that holds it ({@code SHOP_ORIGIN_SECRET_ARN}, in AWS):
 *                  its {@code AWSCURRENT} and {@code AWSPREVIOUS} versions are both accepted, so that a
 *                  rotation refuses nothing while CloudFront's edge locations change over; it wins over
 *                  {@code values}
 * @param values    the accepted values themselves, the current one first ({@code SHOP_ORIGIN_VALUES},
 *                  comma-separated; the local cloud gives every function the value its front door adds)
 */
@ConfigurationProperties("shop.origin")
public record ShopOriginProperties(
        @DefaultValue("X-Origin-Verify") String header, String secretArn, List<String> values) {}
