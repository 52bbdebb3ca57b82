package serverlessshop.reliability.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP/1.1 proxy on a loopback port in front of one upstream (products through the gateway, or
 * DynamoDB Local), which asks its {@link Policy} about every request before it goes on: pass it,
 * refuse it (the connection is cut and nothing reaches the upstream), lose its answer (the upstream
 * does the work, then the connection is cut as the answer starts: the caller cannot know whether it
 * happened), or answer it itself (an error the upstream could give, such as DynamoDB's 500 or
 * throttling). Requests are framed by their Content-Length; answers are relayed as bytes.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Fault {
        PASS,
        REFUSE,
        LOSE_ANSWER,
        ANSWER
    }

    /** @param kind how the fault is counted; @param answer the raw HTTP response for ANSWER */
    public record Decision(Fault fault, String kind, String answer) {

        public static final Decision PASS = new Decision(Fault.PASS, null, null);

        public static Decision refuse(String kind) {
            return new Decision(Fault.REFUSE, kind, null);
        }

        public static Decision loseAnswer(String kind) {
            return new Decision(Fault.LOSE_ANSWER, kind, null);
        }

        public static Decision answer(String kind, int status, String reason, String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Decision(
                    Fault.ANSWER,
                    kind,
                    "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                            + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
        }
    }

    /** Decides about one request from its head (request line and headers). */
    public interface Policy {
        Decision decide(String requestHead);
    }

    private final ServerSocket server;
    private final FaultCounts counts;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Policy policy;
    private volatile int upstreamPort;

    private FaultProxy(ServerSocket server, FaultCounts counts, Policy policy) {
        this.server = server;
        this.counts = counts;
        this.policy = policy;
    }

    /** Listens on a free loopback port at once; the upstream may be named later (its port is chosen later). */
    public static FaultProxy start(FaultCounts counts, Policy policy) throws IOException {
        FaultProxy proxy = new FaultProxy(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), counts, policy);
        Thread.ofVirtual().name("fault-proxy-" + proxy.port()).start(proxy::acceptAll);
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public void upstream(int port) {
        this.upstreamPort = port;
    }

    public void policy(Policy policy) {
        this.policy = policy;
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        AtomicBoolean loseAnswer = new AtomicBoolean();
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                String headText = new String(head, StandardCharsets.ISO_8859_1);
                Decision decision = policy.decide(headText);
                if (decision.fault() != Fault.PASS) {
                    counts.add(decision.kind());
                }
                long length = contentLength(headText);
                switch (decision.fault()) {
                    case REFUSE -> {
                        return;
                    }
                    case ANSWER -> {
                        in.readNBytes((int) length);
                        client.getOutputStream().write(decision.answer().getBytes(StandardCharsets.UTF_8));
                        client.getOutputStream().flush();
                        return;
                    }
                    default -> {
                        if (upstream == null) {
                            upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                            sockets.add(upstream);
                            Socket from = upstream;
                            Thread.ofVirtual().start(() -> relayAnswers(from, client, loseAnswer));
                        }
                        loseAnswer.set(decision.fault() == Fault.LOSE_ANSWER);
                        OutputStream out = upstream.getOutputStream();
                        out.write(head);
                        out.write(in.readNBytes((int) length));
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            // A side closed the connection: so does the proxy.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Upstream to client, as bytes; a lost answer cuts both connections as its first bytes arrive. */
    private void relayAnswers(Socket upstream, Socket client, AtomicBoolean loseAnswer) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = upstream.getInputStream();
            OutputStream out = client.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (loseAnswer.get()) {
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // Either side went away.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** The request line and headers, CRLF CRLF included; null at the end of the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
            if (head.size() > 64 * 1024) {
                throw new IOException("a request head over 64 KiB");
            }
        }
        if (head.size() > 0) {
            throw new IOException("the connection closed in the middle of a request head");
        }
        return null;
    }

    private static long contentLength(String head) throws IOException {
        long length = 0;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                throw new IOException("chunked request bodies are not supported by the fault proxy");
            }
        }
        return length;
    }

    private void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    /** Cuts every open connection too: after this, callers see the upstream as unreachable. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        sockets.forEach(this::closeQuietly);
    }
}
