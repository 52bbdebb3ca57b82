package serverlessshop.support.lambda;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code IsolatedMain <folder> <main class> [argument]...}: runs a main class from the jars of a folder
 * that is not on the class path, through a class loader of its own whose parent is the application's.
 *
 * <p>It is how the image build's AOT cache training runs (the Dockerfile's RUN): the JDK uses a cache
 * only with the class path it was trained with, so the training JVM gets the function's class path
 * exactly, and the workload, its stand-ins and its event builder come from a folder beside it. The
 * function's classes, which this loader leaves to its parent, are cached, loaded and linked as before;
 * what it defines itself the JVM keeps at most as "unregistered" classes, which it neither loads nor
 * links at start-up and which no loader of the function ever asks for. Nothing of the training is in
 * the function's jars. See docs/decisions/0004-jdk-aot-cache-for-cold-starts.md.
 */
public final class IsolatedMain {

    private IsolatedMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: IsolatedMain <folder of jars> <main class> [argument]...");
        }
        URLClassLoader loader = new URLClassLoader(jars(Path.of(args[0])), IsolatedMain.class.getClassLoader());
        try {
            loader.loadClass(args[1]).getMethod("main", String[].class).invoke(null, (Object)
                    Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static URL[] jars(Path folder) throws IOException {
        List<URL> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : entries) {
                jars.add(jar.toUri().toURL());
            }
        }
        if (jars.isEmpty()) {
            throw new IOException("no jars in " + folder);
        }
        return jars.toArray(URL[]::new);
    }
}
