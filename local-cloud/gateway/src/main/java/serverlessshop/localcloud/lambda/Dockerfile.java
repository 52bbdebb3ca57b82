package serverlessshop.localcloud.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few instructions of a function's Dockerfile the local cloud runs by: {@code COPY} (what goes
 * into the image), {@code ENV} (the image's environment), {@code ARG} (with a default: an environment
 * variable of the RUNs), {@code CMD} (the handler), {@code ENTRYPOINT} (the launcher and its options)
 * and the exec-form {@code RUN}s (the AOT cache's training run). Read from the file itself, so local
 * runs cannot drift from the image.
 */
record Dockerfile(
        List<Copy> copies, Map<String, String> env, List<String> cmd, List<String> entrypoint, List<ImageRun> runs) {

    record Copy(String source, String destination) {}

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    static Dockerfile read(Path file) throws IOException {
        List<Copy> copies = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> buildArgs = new LinkedHashMap<>();
        List<String> cmd = List.of();
        List<String> entrypoint = List.of();
        List<ImageRun> runs = new ArrayList<>();
        for (String instruction : instructions(Files.readAllLines(file))) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1].trim() : "";
            switch (keyword) {
                case "COPY" -> {
                    List<String> words = new ArrayList<>();
                    for (String word : arguments.split("\\s+")) {
                        if (!word.startsWith("--")) {
                            words.add(word);
                        }
                    }
                    if (words.size() == 2) {
                        copies.add(new Copy(words.get(0), words.get(1)));
                    }
                }
                case "ENV" -> env.putAll(envPairs(arguments));
                // ARG NAME=default: an environment variable of the RUNs below it, not of the image.
                case "ARG" ->
                    envPairs(arguments).forEach((name, value) -> {
                        if (arguments.contains("=")) {
                            buildArgs.put(name, value);
                        }
                    });
                case "CMD" -> cmd = execForm(arguments);
                case "ENTRYPOINT" -> entrypoint = execForm(arguments);
                case "RUN" -> {
                    // Only the exec form, which runs without a shell; with the environment at that point
                    // (an ENV wins over an ARG of the same name, as in Docker) and its bind mounts.
                    Map<String, String> mounts = new LinkedHashMap<>();
                    String command = arguments;
                    while (command.startsWith("--")) {
                        String[] flagAndRest = command.split("\\s+", 2);
                        bindMount(flagAndRest[0]).ifPresent(mount -> mounts.put(mount.getKey(), mount.getValue()));
                        command = flagAndRest.length > 1 ? flagAndRest[1].trim() : "";
                    }
                    if (command.startsWith("[")) {
                        Map<String, String> runEnv = new LinkedHashMap<>(buildArgs);
                        runEnv.putAll(env);
                        runs.add(new ImageRun(execForm(command), runEnv, mounts));
                    }
                }
                default -> {
                    // FROM, LABEL, ...: nothing the local run needs.
                }
            }
        }
        return new Dockerfile(copies, env, cmd, entrypoint, List.copyOf(runs));
    }

    /** {@code --mount=type=bind,source=a,target=/b} as target /b, source a; other flags and mounts: none. */
    private static Optional<Map.Entry<String, String>> bindMount(String flag) {
        if (!flag.startsWith("--mount=")) {
            return Optional.empty();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : flag.substring("--mount=".length()).split(",")) {
            String[] nameValue = option.split("=", 2);
            options.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
        }
        String target = options.getOrDefault("target", options.getOrDefault("dst", options.get("destination")));
        if (!options.getOrDefault("type", "bind").equals("bind") || target == null) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(target, options.getOrDefault("source", options.getOrDefault("src", "."))));
    }

    /** Logical lines: comments dropped, backslash continuations joined. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().strip());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            instructions.add(current.toString().strip());
        }
        return instructions;
    }

    /** {@code ENV A=1 B="two words"}, or the legacy {@code ENV A one value}. */
    private static Map<String, String> envPairs(String arguments) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!arguments.contains("=") || arguments.split("\\s+")[0].indexOf('=') < 0) {
            String[] legacy = arguments.split("\\s+", 2);
            pairs.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
            return pairs;
        }
        Matcher matcher = ENV_PAIR.matcher(arguments);
        while (matcher.find()) {
            String value = matcher.group(2);
            if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            pairs.put(matcher.group(1), value);
        }
        return pairs;
    }

    /** {@code CMD ["a", "b"]} (or ENTRYPOINT, RUN); the shell form has no meaning for a Lambda image. */
    private static List<String> execForm(String arguments) throws IOException {
        JsonNode array = new ObjectMapper().readTree(arguments);
        if (array == null || !array.isArray()) {
            throw new IOException("CMD and ENTRYPOINT must be in exec form, [\"word\", ...]: " + arguments);
        }
        List<String> words = new ArrayList<>();
        array.forEach(word -> words.add(word.asText()));
        return List.copyOf(words);
    }
}
