package serverlessshop.localcloud.process;

import java.nio.file.Path;

/** The child JVMs (functions, DynamoDB Local) run on the JDK the stack itself runs on. */
public final class JavaCommand {

    private JavaCommand() {}

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
