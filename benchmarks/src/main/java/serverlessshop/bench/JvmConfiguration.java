package serverlessshop.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A way to run a function's image: variables over its {@code ENV} (as Terraform's environment block
 * would set them). {@link #production()} is the image as it ships; {@link #untuned()} is the
 * baseline every figure is compared with: the same jars with the JVM's and Spring's defaults.
 *
 * @param overrides variables set over the image's ENV; empty for the image as it is
 */
record JvmConfiguration(String name, String description, Map<String, String> overrides) {

    /**
     * Spring settings the images tune, each set back to Spring's default for the untuned baseline.
     * Empty while every tuning lives in JVM options; a tuning kept in application.properties or the
     * Dockerfile's ENV must be listed here, or the baseline would quietly include it.
     */
    static final Map<String, String> SPRING_DEFAULTS = Map.of();

    JvmConfiguration {
        overrides = Map.copyOf(overrides);
    }

    static JvmConfiguration production() {
        return new JvmConfiguration(
                "production",
                "the image as it ships: its Dockerfile's ENTRYPOINT (lambda-java," + " the AOT cache) and ENV",
                Map.of());
    }

    /**
     * No AOT cache and no class data sharing at all (-XX:AOTMode=off; -Xshare:off cannot sit beside the
     * image's -XX:AOTCache), the JVM's default collector, Spring's defaults. The JIT stays the runtime's
     * (C1 only): the image's launcher sets it on the command line, as Lambda's bootstrap does, and
     * JAVA_TOOL_OPTIONS cannot take it back.
     */
    static JvmConfiguration untuned() {
        Map<String, String> overrides = new LinkedHashMap<>(SPRING_DEFAULTS);
        overrides.put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=off -XX:+UseG1GC");
        return new JvmConfiguration(
                "untuned",
                "JAVA_TOOL_OPTIONS=-XX:AOTMode=off -XX:+UseG1GC (no AOT cache, no CDS;"
                        + " the JVM's default GC; the runtime's C1-only JIT), Spring's defaults",
                overrides);
    }

    /** The image as it ships but for its AOT cache: what the cache alone is worth. */
    static JvmConfiguration withoutAotCache() {
        return new JvmConfiguration(
                "no AOT cache",
                "the image with its AOT cache turned off" + " (JAVA_TOOL_OPTIONS=-XX:AOTMode=off)",
                Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=off"));
    }

    /**
     * The image as it ships, traced actively: every invocation's trace header says Sampled=1 (the
     * local cloud's SHOP_LOCAL_TRACING_MODE, as Lambda samples a request) and the daemon's address
     * is a sink that counts what the function sends. Beside {@link #production()}, whose header
     * says Sampled=0, it is what tracing costs the function itself.
     */
    static JvmConfiguration tracingOn(String daemonAddress) {
        return new JvmConfiguration(
                "tracing on",
                "the image as it ships, X-Ray active: each invocation's trace"
                        + " header sampled, AWS_XRAY_DAEMON_ADDRESS a local UDP sink",
                Map.of(
                        "SHOP_LOCAL_TRACING_MODE", "Active",
                        "AWS_XRAY_DAEMON_ADDRESS", daemonAddress,
                        "AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR"));
    }

    /** {@code --variant name:VAR=VALUE,VAR=VALUE}: a lever measured beside the others. */
    static JvmConfiguration parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--variant needs name:VAR=VALUE[,VAR=VALUE], not " + text);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : text.substring(colon + 1).split(",(?=[A-Za-z_][A-Za-z0-9_]*=)")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--variant needs name:VAR=VALUE[,VAR=VALUE], not " + text);
            }
            overrides.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new JvmConfiguration(text.substring(0, colon), "variant " + text.substring(colon + 1), overrides);
    }
}
