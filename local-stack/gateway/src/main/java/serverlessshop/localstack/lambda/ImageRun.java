package serverlessshop.localstack.lambda;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An exec-form {@code RUN} of a function's Dockerfile, with the image's environment at that point
 * (the ENVs above it): the image build runs it; the local stack runs the AOT training one itself.
 */
public record ImageRun(List<String> command, Map<String, String> env) {

    private static final String AOT_OUTPUT = "-XX:AOTCacheOutput=";

    public ImageRun {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** Where this run writes an AOT cache (an image path), if it is a training run. */
    public Optional<String> aotCacheOutput() {
        return command.stream().filter(word -> word.startsWith(AOT_OUTPUT))
                .map(word -> word.substring(AOT_OUTPUT.length())).findFirst();
    }
}
