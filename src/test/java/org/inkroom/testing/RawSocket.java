package org.inkroom.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare socket, for what well-behaved clients cannot do: write frames as fast
 * as the kernel takes them, or never read again (so it answers no ping).
 */
public final class RawSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int closeCode = -1;
    private int pings;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes the handshake for {@code pathAndQuery}. */
    public static RawSocket open(int port, String pathAndQuery) throws IOException {
        RawSocket s = new RawSocket(new Socket("localhost", port));
        s.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.out.flush();
        String status = s.readLine();
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!s.readLine().isEmpty()) {
            // headers
        }
        return s;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** One masked text frame. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
    }

    /**
     * Writes a close frame's header (its mask included) and not yet its payload: the server has
     * started to read a close it cannot finish. {@link #finishClose} writes the rest.
     */
    public void startClose(int code) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(new byte[] {(byte) 0x88, (byte) 0x82, mask[0], mask[1], mask[2], mask[3]});
        out.flush();
        closeRest = new byte[] {(byte) ((code >>> 8) ^ mask[0]), (byte) ((code & 0xff) ^ mask[1])};
    }

    /** The payload of the close frame {@link #startClose} began. */
    public void finishClose() throws IOException {
        out.write(closeRest);
        out.flush();
    }

    private byte[] closeRest;

    /** Every text frame's payload until the server's close frame (or {@code within}), concatenated. */
    public String readAll(Duration within) throws IOException {
        texts.setLength(0);
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                int head = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7f;
                long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = head & 0x0f;
                if (opcode == 0x8) {
                    closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    return texts.toString();
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    texts.append(new String(payload, StandardCharsets.UTF_8)).append('\n');
                } else if (opcode == 0x9) {
                    pings++; // never answered
                }
            }
        } catch (SocketTimeoutException | EOFException end) {
            // nothing more
        }
        return texts.toString();
    }

    /**
     * Writes {@code count} text frames as fast as the kernel takes them while reading the answers on
     * another thread (once the server has closed, the writes still arriving make it reset the
     * connection, and a reset discards whatever was not read yet). The result holds every text the
     * server sent, once writing has stopped (done, or refused by the closed connection) and reading
     * has seen the close frame or the end.
     */
    public java.util.concurrent.CompletableFuture<String> flood(java.util.function.IntFunction<String> frame, int count) {
        java.util.concurrent.CompletableFuture<String> answers = new java.util.concurrent.CompletableFuture<>();
        Thread reads = new Thread(() -> {
            try {
                answers.complete(readAll(Duration.ofSeconds(60)));
            } catch (IOException reset) {
                answers.complete(textsSoFar());
            }
        }, "raw-socket-reader");
        Thread writes = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    sendText(frame.apply(i));
                }
            } catch (IOException closedByServer) {
                // expected once the server has had enough
            }
        }, "raw-socket-writer");
        reads.start();
        writes.start();
        return answers.thenApply(texts -> {
            try {
                writes.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return texts;
        });
    }

    /** What {@link #readAll} had read when it failed. */
    public String textsSoFar() {
        return texts.toString();
    }

    private final StringBuilder texts = new StringBuilder();

    /** Pings read so far by {@link #readAll} (this socket never answers them). */
    public int pings() {
        return pings;
    }

    /** The code of the server's close frame, once {@link #readAll} has seen it; else -1. */
    public int closeCode() {
        return closeCode;
    }

    public InputStream input() {
        return in;
    }

    /** This end's port: the server's socket for this connection has it as its remote port. */
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
