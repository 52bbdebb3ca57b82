package serverlessshop.support.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a service takes from one HTTP request.
 *
 * @param maxRequestBody the largest request body answered; a larger one is refused with 413
 *                       {@code PAYLOAD_TOO_LARGE}. The contracts' bodies are a few KB.
 */
@ConfigurationProperties("shop.http")
public record ShopHttpProperties(@DefaultValue("64KB") DataSize maxRequestBody) {}
