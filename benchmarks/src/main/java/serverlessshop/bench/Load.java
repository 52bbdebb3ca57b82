package serverlessshop.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import serverlessshop.localcloud.process.JavaCommand;

/** Runs a {@link LoadPlan} in a {@link LoadGenerator} process and reads back what it measured. */
final class Load {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;

    Load(Path workDir) {
        this.workDir = workDir;
    }

    List<LoadPlan.Outcome> run(LoadPlan plan) throws IOException, InterruptedException {
        Path planFile = Files.createTempFile(workDir, "plan-", ".json");
        JSON.writeValue(planFile.toFile(), plan);
        Process generator = new ProcessBuilder(
                        JavaCommand.java(),
                        "-XX:+UseSerialGC",
                        "-Xshare:auto",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadGenerator.class.getName(),
                        planFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long limit = (long) plan.seconds() + 240; // the generator ends its warm-up after 180 s at most
        byte[] out;
        try {
            out = generator.getInputStream().readAllBytes();
            if (!generator.waitFor(limit, TimeUnit.SECONDS)) {
                generator.destroyForcibly();
                throw new IOException("the load generator ran past " + limit + " s");
            }
        } finally {
            Files.deleteIfExists(planFile);
        }
        String[] lines = new String(out, StandardCharsets.UTF_8).strip().split("\n");
        if (generator.exitValue() != 0 || lines.length == 0 || !lines[lines.length - 1].startsWith("[")) {
            throw new IOException(
                    "the load generator failed (exit " + generator.exitValue() + "): " + String.join("\n", lines));
        }
        return JSON.readValue(lines[lines.length - 1], new TypeReference<>() {});
    }
}
