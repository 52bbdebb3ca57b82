package serverlessshop.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @Test
    void theCacheIsTheOneTheCommandLineNames() {
        assertThat(AotCache.named(List.of("/bin/sh", "/x/bin/lambda-java", "-XX:AOTCache=/tmp/x/a.aot", "Main")))
                .contains(Path.of("/tmp/x/a.aot"));
        assertThat(AotCache.named(List.of("java", "-Xshare:off", "Main"))).isEmpty();
        assertThat(AotCache.named(List.of())).isEmpty();
    }

    @Test
    void aCacheOlderThanAJarOrItsDockerfileIsStale(@TempDir Path root) throws IOException {
        Path lib = Files.createDirectories(root.resolve("lib"));
        Path runtime = Files.createDirectories(root.resolve("runtime"));
        Path jar = Files.writeString(lib.resolve("app.jar"), "jar");
        Path dockerfile = Files.writeString(root.resolve("Dockerfile"), "FROM x");
        Path cache = root.resolve("aot/app.aot");
        FunctionImage image = new FunctionImage("x", dockerfile, "a.B::c", root, Map.of(), List.of(), List.of());
        assertThat(AotCache.isFresh(cache, image, runtime)).as("missing").isFalse();

        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "cache");
        Instant now = Instant.now();
        Files.setLastModifiedTime(jar, FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(dockerfile, FileTime.from(now.minusSeconds(60)));
        Files.setLastModifiedTime(cache, FileTime.from(now.minusSeconds(30)));
        assertThat(AotCache.isFresh(cache, image, runtime)).isTrue();

        Files.setLastModifiedTime(jar, FileTime.from(now));
        assertThat(AotCache.isFresh(cache, image, runtime))
                .as("a jar was rebuilt")
                .isFalse();

        Files.setLastModifiedTime(jar, FileTime.from(now.minusSeconds(60)));
        Path training = Files.writeString(
                Files.createDirectories(root.resolve("training")).resolve("workload.jar"), "jar");
        FunctionImage trained = new FunctionImage(
                "x",
                dockerfile,
                "a.B::c",
                root,
                Map.of(),
                List.of(),
                List.of(new ImageRun(
                        List.of("java", "-XX:AOTCacheOutput=/var/task/aot/app.aot", "T"),
                        Map.of(),
                        Map.of("/var/task/training", "training"))));
        Files.setLastModifiedTime(training, FileTime.from(now.minusSeconds(60)));
        assertThat(AotCache.isFresh(cache, trained, runtime)).isTrue();
        Files.setLastModifiedTime(training, FileTime.from(now));
        assertThat(AotCache.isFresh(cache, trained, runtime))
                .as("the training workload was rebuilt")
                .isFalse();
        Files.setLastModifiedTime(training, FileTime.from(now.minusSeconds(60)));

        Path launcher =
                Files.writeString(Files.createDirectories(root.resolve("bin")).resolve("lambda-java"), "exec java");
        Files.setLastModifiedTime(launcher, FileTime.from(now));
        assertThat(AotCache.isFresh(cache, image, runtime))
                .as("the launcher the training ran changed")
                .isFalse();
    }
}
