package org.inkroom.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * WebSocket clients on one Netty event-loop group (few threads for any number of sockets). Incoming
 * frames are classified by scanning bytes, never decoded to strings: a {@code draw} yields its send
 * timestamp and its sender's node from {@code data.id} ({@code b<nanos>_<node>_<seq>}) and one
 * latency sample. A target of several nodes (ports) gets each connection on the node its spec names.
 */
final class Ws implements AutoCloseable {

    /** All timestamps in ids are {@code System.nanoTime() - BASE}; sender and receiver share this process. */
    static final long BASE = System.nanoTime();
    private static final int MAX_FRAME = 512 << 20;
    private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "\"id\":\"b".getBytes(StandardCharsets.US_ASCII);

    /**
     * One measured window: deliveries of operations sent in [from, to) are counted and timed, by the
     * operation's send time (whenever it arrives, as long as the step is still set), overall and
     * split by whether sender and receiver are connected to the same node.
     */
    static final class Step {
        final long from;
        final long to;
        final Recorder latencyMicros = new Recorder(3_600_000_000L, 3);
        final Recorder sameNodeMicros = new Recorder(3_600_000_000L, 3);
        final Recorder crossNodeMicros = new Recorder(3_600_000_000L, 3);
        final LongAdder delivered = new LongAdder();
        final LongAdder deliveredSameNode = new LongAdder();
        final LongAdder deliveredCrossNode = new LongAdder();
        /** Per 100 ms of send time: deliveries later than 50 ms, and the latest delivery (µs). */
        final java.util.concurrent.atomic.AtomicLongArray lateBySlot;
        final java.util.concurrent.atomic.AtomicLongArray maxBySlot;

        Step(long from, long to) {
            this.from = from;
            this.to = to;
            int slots = (int) Math.max(1, (to - from) / SLOT_NANOS + 1);
            lateBySlot = new java.util.concurrent.atomic.AtomicLongArray(slots);
            maxBySlot = new java.util.concurrent.atomic.AtomicLongArray(slots);
        }

        static final long SLOT_NANOS = 100_000_000L;
        static final long LATE_MICROS = 50_000L;

        void record(long sentAt, long now, boolean sameNode) {
            if (sentAt >= from && sentAt < to) {
                long micros = Math.min(3_600_000_000L, Math.max(0, (now - sentAt) / 1000));
                latencyMicros.recordValue(micros);
                delivered.increment();
                int slot = (int) ((sentAt - from) / SLOT_NANOS);
                if (micros > LATE_MICROS) {
                    lateBySlot.incrementAndGet(slot);
                }
                if (micros > maxBySlot.get(slot)) { // a read almost always: few deliveries raise a slot's latest
                    maxBySlot.accumulateAndGet(slot, micros, Math::max);
                }
                (sameNode ? sameNodeMicros : crossNodeMicros).recordValue(micros);
                (sameNode ? deliveredSameNode : deliveredCrossNode).increment();
            }
        }
    }

    /** A connection to open: its room, its user id, and the node (index into the target's ports) it goes to. */
    record Spec(String room, String user, int node) { }

    /** One client connection. */
    static final class Conn {
        final long startedAt = System.nanoTime();
        final boolean parseSync;
        final int node;
        final CompletableFuture<Conn> synced = new CompletableFuture<>();
        volatile Channel channel;
        volatile long syncedAt;
        volatile long syncBytes;
        volatile int syncElements = -1;
        volatile long syncParseNanos; // client-side share of the join time (workload 5)
        volatile int closeCode = -1;
        volatile String closeReason = "";
        volatile long draws; // written by its event-loop thread only

        Conn(boolean parseSync, int node) {
            this.parseSync = parseSync;
            this.node = node;
        }

        /** Fire and forget; a frame to a closed connection is lost like any other send would be. */
        void send(String text) {
            Channel ch = channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(new TextWebSocketFrame(text), ch.voidPromise());
            }
        }

        boolean open() {
            Channel ch = channel;
            return ch != null && ch.isActive();
        }

        double connectMillis() {
            return (syncedAt - startedAt) / 1e6;
        }
    }

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final int[] ports;
    private final String query;
    final AtomicReference<Step> step = new AtomicReference<>();
    final LongAdder errors = new LongAdder();
    final LongAdder frames = new LongAdder();
    final AtomicReference<String> firstError = new AtomicReference<>();

    /** Clients of one target: {@code ports} are its nodes (one for a single server). */
    Ws(int[] ports, int threads, String query) {
        this.ports = ports.clone();
        this.query = query;
        this.group = new NioEventLoopGroup(threads);
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    Conn connect(String room, String user, boolean parseSync) {
        return connect(room, user, parseSync, 0);
    }

    /** Connects to node {@code node} (an index into the ports). */
    Conn connect(String room, String user, boolean parseSync, int node) {
        int port = ports[node];
        Conn conn = new Conn(parseSync, node);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/" + room + "?userId=" + user + query);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).maxFramePayloadLength(MAX_FRAME)
                .handleCloseFrames(false).generateOriginHeader(false).handshakeTimeoutMillis(120_000)
                .dropPongFrames(true).build();
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
                        new Handler(conn));
            }
        }).connect("127.0.0.1", port).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                conn.synced.completeExceptionally(f.cause());
            }
        });
        return conn;
    }

    /** Opens one connection per spec with at most {@code inFlight} handshakes pending; waits for every sync. */
    List<Conn> connectAll(List<Spec> specs, int inFlight, long timeoutMillis) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        List<Conn> conns = new ArrayList<>(specs.size());
        for (Spec spec : specs) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            Conn c = connect(spec.room(), spec.user(), false, spec.node());
            c.synced.whenComplete((x, e) -> slots.release());
            conns.add(c);
        }
        for (Conn c : conns) {
            try {
                c.synced.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // counted by the caller: not synced
            }
        }
        return conns;
    }

    /**
     * Closes like polite clients leaving one after another: a close frame, then (bounded) the server's
     * close, in batches of 50. All at once is a different experiment: Liberty then parks a thread per
     * closing session until its in-flight write completes (see BENCHMARKS.md). Returns how many the
     * server did not close within 10 s (closed by force).
     */
    static int closeAll(List<Conn> conns) throws InterruptedException {
        return closeAll(conns, 50, i -> { });
    }

    /** {@link #closeAll(List)} {@code batchSize} at a time, telling {@code unanswered} the index of each connection closed by force. */
    static int closeAll(List<Conn> conns, int batchSize, java.util.function.IntConsumer unanswered) throws InterruptedException {
        int forced = 0;
        for (int i = 0; i < conns.size(); i += batchSize) {
            List<Conn> batch = conns.subList(i, Math.min(conns.size(), i + batchSize));
            for (Conn c : batch) {
                Channel ch = c.channel;
                if (ch != null && ch.isActive()) {
                    ch.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
                }
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            for (int k = 0; k < batch.size(); k++) {
                Channel ch = batch.get(k).channel;
                if (ch != null && !ch.closeFuture().await(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) {
                    forced++;
                    unanswered.accept(i + k);
                    ch.close();
                }
            }
        }
        return forced;
    }

    /** Waits (bounded) until no frame has arrived for {@code quietMillis}: join and userlist traffic is over. */
    double settle(long quietMillis, long maxMillis) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + maxMillis * 1_000_000;
        long last = frames.sum();
        long quietSince = t0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = frames.sum();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quietMillis * 1_000_000) {
                break;
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Conn conn;

        Handler(Conn conn) {
            this.conn = conn;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            conn.channel = ctx.channel();
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame) {
                onText(frame.content());
            } else if (frame instanceof CloseWebSocketFrame close) {
                conn.closeCode = close.statusCode();
                conn.closeReason = close.reasonText();
                ctx.close();
            }
        }

        private void onText(ByteBuf b) {
            frames.increment();
            int from = b.readerIndex();
            int end = b.writerIndex();
            if (from < end && b.getByte(from) == '[') {
                // batch=1: several messages in one frame; each envelope starts with its "type"
                int t = indexOf(b, TYPE, from, end);
                while (t >= 0) {
                    int next = indexOf(b, TYPE, t + TYPE.length, end);
                    onMessage(b, t + TYPE.length, next < 0 ? end : next);
                    t = next;
                }
            } else {
                int t = indexOf(b, TYPE, from, Math.min(end, from + 64));
                if (t >= 0) {
                    onMessage(b, t + TYPE.length, end);
                }
            }
        }

        /** One message whose type starts at {@code t}; its fields lie before {@code end}. */
        private void onMessage(ByteBuf b, int t, int end) {
            if (startsWith(b, t, "draw\"")) {
                conn.draws++;
                Step s = step.get();
                if (s != null) {
                    int i = indexOf(b, ID, t, end);
                    if (i >= 0) {
                        long now = System.nanoTime() - BASE;
                        int p = i + ID.length;
                        long sentAt = 0;
                        for (; p < end && isDigit(b.getByte(p)); p++) {
                            sentAt = sentAt * 10 + (b.getByte(p) - '0');
                        }
                        int node = 0;
                        for (p++; p < end && isDigit(b.getByte(p)); p++) { // after the '_'
                            node = node * 10 + (b.getByte(p) - '0');
                        }
                        s.record(sentAt, now, node == conn.node);
                    }
                }
            } else if (startsWith(b, t, "sync\"")) {
                conn.syncBytes = b.readableBytes();
                if (conn.parseSync) {
                    long p0 = System.nanoTime();
                    conn.syncElements = countElements(b);
                    conn.syncParseNanos = System.nanoTime() - p0;
                }
                conn.syncedAt = System.nanoTime();
                conn.synced.complete(conn);
            } else if (startsWith(b, t, "error\"")) {
                errors.increment();
                firstError.compareAndSet(null, b.toString(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            conn.synced.completeExceptionally(new IOException("closed before sync (code " + conn.closeCode + ")"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            conn.synced.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Parses a whole sync with a real JSON parser and counts {@code data.elements}. */
    static int countElements(ByteBuf b) {
        int count = 0;
        int depth = 0;
        int elementsDepth = -1;
        boolean nextIsElements = false;
        try (JsonParser p = Json.createParser(new ByteBufInputStream(b.duplicate()))) {
            while (p.hasNext()) {
                JsonParser.Event e = p.next();
                switch (e) {
                    case START_OBJECT, START_ARRAY -> {
                        if (e == JsonParser.Event.START_OBJECT && depth == elementsDepth) {
                            count++;
                        }
                        depth++;
                        if (nextIsElements && e == JsonParser.Event.START_ARRAY && elementsDepth < 0) {
                            elementsDepth = depth;
                        }
                        nextIsElements = false;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        if (depth < elementsDepth) {
                            return count; // the elements array is over (a batch may hold more messages)
                        }
                    }
                    case KEY_NAME -> nextIsElements = p.getString().equals("elements");
                    default -> nextIsElements = false;
                }
            }
        }
        return count;
    }

    private static boolean isDigit(byte d) {
        return d >= '0' && d <= '9';
    }

    private static int indexOf(ByteBuf b, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(ByteBuf b, int at, String s) {
        if (at + s.length() > b.writerIndex()) {
            return false;
        }
        for (int j = 0; j < s.length(); j++) {
            if (b.getByte(at + j) != s.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
