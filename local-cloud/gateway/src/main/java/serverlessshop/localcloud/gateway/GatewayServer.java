package serverlessshop.localcloud.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import serverlessshop.localcloud.Console;

/**
 * The gateway's HTTP/1.1 server (Netty's HTTP codec), in front of whatever turns an
 * {@link IncomingRequest} into an {@link HttpReply}. Every request it cannot take is answered as API
 * Gateway answers one, {@code 400 {"message":"Bad Request"}} as JSON, and the connection closed: a
 * request line or header the codec refuses (no colon, a name that is not a token, control
 * characters, a bare LF, an invalid or repeated Content-Length, Content-Length beside
 * Transfer-Encoding, a bad chunk), a protocol other than HTTP/1.0 and 1.1, a target
 * {@link RequestTarget} refuses, a Transfer-Encoding other than chunked, a request line and header
 * values over API Gateway's 10,240 bytes. AWS documents that quota but not the status API Gateway
 * gives each of these requests: where it is not established, the answer is this same JSON 400.
 * Nothing the server sends is ever an HTML error page. Each
 * connection's requests are answered in order, one at a time, on virtual threads (the answer may
 * wait up to 30 s for a function); bodies are read whole, at most one byte past the payload limit.
 */
public final class GatewayServer implements AutoCloseable {

    /** API Gateway HTTP API's quota: "total combined size of request line and header values". */
    public static final int MAX_REQUEST_LINE_AND_HEADER_VALUES = 10_240;

    static {
        // Without this, Netty's first use reaches for sun.misc.Unsafe and JDK 25 prints a deprecation warning.
        System.setProperty("io.netty.noUnsafe", "true");
    }

    private final ServerSocketChannel socket;
    /** Made with the channel, in the background; read after {@code channel.join()}. */
    private EventLoopGroup acceptor;

    private EventLoopGroup io;
    private final ExecutorService answering = Executors.newVirtualThreadPerTaskExecutor();
    private final CompletableFuture<Channel> channel;
    private volatile Function<IncomingRequest, HttpReply> frontDoor;

    private GatewayServer(ServerSocketChannel socket) {
        this.socket = socket;
        // Netty's start-up (some 600 classes, the better part of a second on a busy machine) runs while
        // the rest of the stack starts.
        this.channel = CompletableFuture.supplyAsync(this::register, answering);
    }

    /** Takes the port now, so a taken port fails at once; requests are answered once {@link #serve} is called. */
    public static GatewayServer bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel socket = ServerSocketChannel.open();
        try {
            socket.bind(address, 100);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new GatewayServer(socket);
    }

    private Channel register() {
        acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("gateway-accept", true));
        io = new NioEventLoopGroup(2, new DefaultThreadFactory("gateway-io", true));
        return new ServerBootstrap()
                .group(acceptor, io)
                .channelFactory(() -> new NioServerSocketChannel(socket))
                // Connections wait in the backlog until serve().
                .option(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        // The codec's own limits sit above API Gateway's, which Exchange enforces with the right
                        // answer.
                        connection
                                .pipeline()
                                .addLast(
                                        new HttpServerCodec(new HttpDecoderConfig()
                                                .setMaxInitialLineLength(4 * MAX_REQUEST_LINE_AND_HEADER_VALUES)
                                                .setMaxHeaderSize(4 * MAX_REQUEST_LINE_AND_HEADER_VALUES)),
                                        new Exchange());
                    }
                })
                .register()
                .syncUninterruptibly()
                .channel();
    }

    /** Starts answering requests with the front door. */
    public void serve(Function<IncomingRequest, HttpReply> frontDoor) {
        this.frontDoor = frontDoor;
        channel.join().config().setAutoRead(true);
    }

    public int port() {
        return ((InetSocketAddress) socket.socket().getLocalSocketAddress()).getPort();
    }

    @Override
    public void close() {
        try {
            channel.join().close().syncUninterruptibly();
        } finally {
            shutDown();
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }

    private void shutDown() {
        for (EventLoopGroup group : new EventLoopGroup[] {acceptor, io}) {
            if (group != null) {
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
        }
        answering.shutdownNow();
    }

    /** One connection: reads each request whole, answers them in order, refuses what it cannot take. */
    private final class Exchange extends SimpleChannelInboundHandler<HttpObject> {

        private HttpRequest request;
        private RequestTarget target;
        private ByteArrayOutputStream body;
        private boolean refused;
        private CompletableFuture<Void> answered = CompletableFuture.completedFuture(null);

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (refused) {
                return;
            }
            if (message.decoderResult().isFailure()) {
                refuse(ctx, message.decoderResult().cause().getMessage());
                return;
            }
            if (message instanceof HttpRequest head) {
                try {
                    target = check(head);
                } catch (IllegalArgumentException e) {
                    refuse(ctx, e.getMessage());
                    return;
                }
                request = head;
                body = new ByteArrayOutputStream();
                if (HttpUtil.is100ContinueExpected(head)) {
                    ctx.writeAndFlush(new DefaultFullHttpResponse(head.protocolVersion(), HttpResponseStatus.CONTINUE));
                }
            }
            if (message instanceof HttpContent content && request != null) {
                // One byte past the limit is enough to know the request is refused
                // (IncomingRequest.isOverPayloadLimit).
                int room = IncomingRequest.MAX_BODY_BYTES + 1 - body.size();
                int readable = content.content().readableBytes();
                if (room > 0 && readable > 0) {
                    byte[] bytes = new byte[Math.min(room, readable)];
                    content.content().getBytes(content.content().readerIndex(), bytes);
                    body.writeBytes(bytes);
                }
                if (content instanceof LastHttpContent) {
                    answer(ctx, request, target, body.toByteArray());
                    request = null;
                    target = null;
                    body = null;
                }
            }
        }

        private void answer(ChannelHandlerContext ctx, HttpRequest head, RequestTarget target, byte[] bytes) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            head.headers()
                    .forEach(h -> headers.computeIfAbsent(h.getKey(), n -> new java.util.ArrayList<>())
                            .add(h.getValue()));
            String sourceIp = ((InetSocketAddress) ctx.channel().remoteAddress())
                    .getAddress()
                    .getHostAddress();
            IncomingRequest incoming = new IncomingRequest(
                    head.method().name(),
                    target.rawPath(),
                    target.rawQuery(),
                    headers,
                    bytes,
                    sourceIp,
                    head.protocolVersion().text());
            boolean keepAlive = HttpUtil.isKeepAlive(head);
            then(ctx, () -> {
                HttpReply reply;
                try {
                    reply = frontDoor.apply(incoming);
                } catch (RuntimeException e) {
                    Console.gateway(incoming.method() + " " + incoming.rawPath() + ": " + e);
                    reply = GatewayReplies.internalServerError();
                }
                write(ctx, head.protocolVersion(), reply, incoming.method().equals("HEAD"), keepAlive);
            });
        }

        /** After the answers before it on this connection; an answer that cannot be written ends the connection. */
        private void then(ChannelHandlerContext ctx, Runnable answer) {
            answered = answered.thenRunAsync(
                    () -> {
                        try {
                            answer.run();
                        } catch (RuntimeException e) {
                            Console.gateway("could not answer: " + e);
                            ctx.close();
                        }
                    },
                    answering);
        }

        /** The request's target, once the request is one API Gateway would take (what the codec took, it may not). */
        private static RequestTarget check(HttpRequest head) {
            HttpVersion version = head.protocolVersion();
            if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
                // HTTP/2 is negotiated during the TLS handshake, never named on an HTTP/1 request line.
                throw new IllegalArgumentException("protocol " + version.text());
            }
            List<String> transferEncodings = head.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if (!transferEncodings.isEmpty()
                    && (version.equals(HttpVersion.HTTP_1_0)
                            || transferEncodings.size() > 1
                            || !transferEncodings.getFirst().trim().equalsIgnoreCase("chunked"))) {
                // RFC 9112: a request whose framing is anything but chunked alone cannot be read reliably.
                throw new IllegalArgumentException("Transfer-Encoding " + transferEncodings);
            }
            long size = head.method().name().length()
                    + 1
                    + head.uri().length()
                    + 1
                    + version.text().length();
            for (Map.Entry<String, String> header : head.headers()) {
                size += header.getValue().length();
            }
            if (size > MAX_REQUEST_LINE_AND_HEADER_VALUES) {
                // API Gateway's status for this is not documented; like every request it cannot take, a 400.
                throw new IllegalArgumentException("request line and header values of " + size + " bytes");
            }
            return RequestTarget.parse(head.uri());
        }

        /** Answers 400 as API Gateway does, then closes: after a malformed request the stream cannot be trusted. */
        private void refuse(ChannelHandlerContext ctx, String why) {
            refused = true;
            request = null;
            target = null;
            body = null;
            Console.gateway("refused a malformed request (" + why + "): 400");
            then(ctx, () -> write(ctx, HttpVersion.HTTP_1_1, GatewayReplies.badRequest(), false, false));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static void write(
            ChannelHandlerContext ctx, HttpVersion version, HttpReply reply, boolean head, boolean keepAlive) {
        FullHttpResponse response;
        try {
            response = response(version, reply, head);
        } catch (IllegalArgumentException e) {
            // A header HTTP cannot carry (a line break in a value, say): API Gateway's 500 for a response it cannot
            // read.
            Console.gateway("an answer HTTP cannot carry (" + e.getMessage() + "): 500");
            response = response(version, GatewayReplies.internalServerError(), head);
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse response(HttpVersion version, HttpReply reply, boolean head) {
        boolean noBody = reply.status() == 204 || reply.status() == 304;
        FullHttpResponse response = new DefaultFullHttpResponse(
                version,
                HttpResponseStatus.valueOf(reply.status()),
                head || noBody ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        reply.headers().forEach((name, values) -> {
            if (!HttpReply.isFraming(name)) {
                response.headers().add(name, values);
            }
        });
        response.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        if (!noBody) {
            HttpUtil.setContentLength(response, reply.body().length);
        }
        return response;
    }
}
