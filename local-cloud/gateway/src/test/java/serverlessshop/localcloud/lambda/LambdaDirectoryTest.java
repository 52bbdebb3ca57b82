package serverlessshop.localcloud.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import serverlessshop.localcloud.Repository;

/**
 * What a function's class path holds, as the build lays out its Lambda directory: every class of
 * ours in the jars of {@code lib/} (the class path of the image's ENTRYPOINT) is production code; the
 * AOT training's workload, its stand-ins, the benchmark's timing and the tests' helpers are not there.
 */
class LambdaDirectoryTest {

    /** Our classes that only a training run, a benchmark or a test needs, by what their names say. */
    private static final Pattern NOT_PRODUCTION = Pattern.compile(
            "Training|StandIn|Fake|Stub|Bench|Timing|Timed|(Test|Tests)(\\$.*)?\\.class$|/testing/|/training/|/bench/");

    private static final String OURS = "serverlessshop/";

    @Test
    void theFunctionsClassPathHoldsNoTrainingBenchOrTestClass() throws IOException {
        for (String function : List.of("products", "orders")) {
            FunctionImage image = FunctionImage.read(function, FunctionImage.dockerfile(Repository.root(), function));
            requireBuilt(image);
            List<String> ours = classes(image.libDir());
            assertThat(ours)
                    .as(function + ": the handler is in lib/")
                    .contains(image.handler()
                                    .substring(0, image.handler().indexOf("::"))
                                    .replace('.', '/') + ".class");
            assertThat(ours)
                    .filteredOn(name -> NOT_PRODUCTION.matcher(name).find())
                    .as(function + ": classes of ours in lib/ that are not production code")
                    .isEmpty();
        }
    }

    @Test
    void theTrainingWorkloadIsBesideTheClassPathNotOnIt() throws IOException {
        for (String function : List.of("products", "orders")) {
            FunctionImage image = FunctionImage.read(function, FunctionImage.dockerfile(Repository.root(), function));
            requireBuilt(image);
            List<String> command = image.aotTraining().orElseThrow().command();
            String workload = command.getLast().replace('.', '/') + ".class";
            assertThat(image.trainingMounts()).as(function).hasSize(1);
            Path training = image.trainingMounts().getFirst();
            assertThat(training.getParent())
                    .as(function + ": beside lib/")
                    .isEqualTo(image.libDir().getParent());
            assertThat(classes(training))
                    .as(function + ": the names above would have caught it in lib/")
                    .contains(workload)
                    .anyMatch(name -> NOT_PRODUCTION.matcher(name).find());
            assertThat(classes(image.libDir())).as(function).doesNotContain(workload);
        }
    }

    /** The class files of ours in the jars of a folder, by entry name (serverlessshop/.../Name.class). */
    private static List<String> classes(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream()
                            .map(JarEntry::getName)
                            .filter(name -> name.endsWith(".class") && name.contains(OURS))
                            .forEach(names::add);
                }
            }
        }
        return names;
    }

    private static void requireBuilt(FunctionImage image) throws IOException {
        if (image.isBuilt()) {
            return;
        }
        String why = Repository.root().relativize(image.taskRoot()) + " is not built (lib/, bin/ and training/): run"
                + " ./mvnw -pl aot-training -am package";
        if (Repository.isCi()) {
            fail(why + " (CI=true: nothing may be skipped)");
        }
        System.err.println("SKIPPED: " + why);
        Assumptions.abort(why);
    }
}
