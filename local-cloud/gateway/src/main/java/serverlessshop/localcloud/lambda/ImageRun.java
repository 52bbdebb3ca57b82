package serverlessshop.localcloud.lambda;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An exec-form {@code RUN} of a function's Dockerfile, with the image's environment at that point
 * (the ENVs above it) and the folders of the build context it mounts for itself
 * ({@code --mount=type=bind,source=...,target=...}): the image build runs it; the local cloud runs
 * the AOT training one itself.
 *
 * @param bindMounts image path (target) to build-context path (source), as the Dockerfile writes them
 */
public record ImageRun(List<String> command, Map<String, String> env, Map<String, String> bindMounts) {

    private static final String AOT_OUTPUT = "-XX:AOTCacheOutput=";

    public ImageRun {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        bindMounts = Map.copyOf(bindMounts);
    }

    public ImageRun(List<String> command, Map<String, String> env) {
        this(command, env, Map.of());
    }

    /** Where this run writes an AOT cache (an image path), if it is a training run. */
    public Optional<String> aotCacheOutput() {
        return command.stream()
                .filter(word -> word.startsWith(AOT_OUTPUT))
                .map(word -> word.substring(AOT_OUTPUT.length()))
                .findFirst();
    }
}
