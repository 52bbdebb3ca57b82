package serverlessshop.localcloud.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The Runtime Interface Client's JNI library, unpacked once per stack. Left to itself the client
 * copies it to the fixed path {@code /tmp/.libaws-lambda-jni.so} on every start: harmless in Lambda,
 * where each instance has its own /tmp, but two instances starting at once on one machine overwrite
 * the file while the other maps it, and that JVM dies of SIGBUS. The client's own system property
 * points each instance at this copy instead.
 */
final class RuntimeJni {

    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static final ConcurrentMap<Path, Path> UNPACKED = new ConcurrentHashMap<>();

    private RuntimeJni() {}

    /** The JVM option that makes an instance load the library unpacked from {@code runtimeLib}'s client jar. */
    static String option(Path runtimeLib) {
        return "-D" + PROPERTY + "=" + UNPACKED.computeIfAbsent(runtimeLib.toAbsolutePath(), RuntimeJni::unpack);
    }

    private static Path unpack(Path runtimeLib) {
        String entryName = "jni/libaws-lambda-jni.linux-" + architecture() + ".so";
        try (DirectoryStream<Path> jars =
                Files.newDirectoryStream(runtimeLib, "aws-lambda-java-runtime-interface-client-*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    ZipEntry entry = file.getEntry(entryName);
                    if (entry == null) {
                        continue;
                    }
                    Path directory = Files.createTempDirectory("shop-lambda-runtime-");
                    directory.toFile().deleteOnExit();
                    Path library = directory.resolve("libaws-lambda-jni.so");
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, library);
                    }
                    library.toFile().deleteOnExit();
                    return library;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot unpack the Runtime Interface Client's JNI library from " + runtimeLib, e);
        }
        throw new IllegalStateException("no Runtime Interface Client jar with " + entryName + " in " + runtimeLib);
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
    }
}
