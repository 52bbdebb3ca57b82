package serverlessshop.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands where Lambda's X-Ray daemon listens (AWS_XRAY_DAEMON_ADDRESS, UDP): takes and counts every
 * datagram a traced function sends, so that a run shows what tracing costs the function on its side
 * (sending segments) without the daemon's own work, which is Lambda's.
 */
final class UdpSink implements AutoCloseable {

    private final DatagramSocket socket;
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    UdpSink() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("xray-daemon-sink").start(this::receive);
    }

    /** host:port, as AWS_XRAY_DAEMON_ADDRESS takes it. */
    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    long datagrams() {
        return datagrams.get();
    }

    long bytes() {
        return bytes.get();
    }

    private void receive() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                datagrams.incrementAndGet();
                bytes.addAndGet(packet.getLength());
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
