package serverlessshop.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Files of one JSON document a line (the bus's archive, the dead letters), appended to. */
public final class JsonLines {

    private JsonLines() {}

    public static synchronized void append(Path file, JsonNode document) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                document.toString() + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
