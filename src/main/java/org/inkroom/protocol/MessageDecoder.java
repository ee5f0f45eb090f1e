package org.inkroom.protocol;

import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import org.inkroom.config.Config;

/**
 * The endpoint's JSON-B decoder. It never throws: a bad frame becomes an {@link Inbound.Rejected}
 * the endpoint answers, so no container's error path (which differ) is involved.
 */
public class MessageDecoder implements Decoder.Text<Inbound> {

    public static final String MAX_FRAME_BYTES = "inkroom.max.frame.bytes";
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

    // Volatile: a container may share a decoder between connections' threads.
    private volatile int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private volatile boolean initialised;

    /**
     * Reads the frame limit once per decoder. Open Liberty calls {@code init} before every message it
     * decodes, not once per decoder, and a configuration lookup per message cost as much as
     * two-fifths of the decoding itself (BENCHMARKS.md, "Session 10").
     */
    @Override
    public void init(EndpointConfig config) {
        if (!initialised) {
            maxFrameBytes = maxFrameBytes();
            initialised = true;
        }
    }

    /** The configured frame limit; the endpoint also gives it to the container. */
    public static int maxFrameBytes() {
        return (int) Config.number(MAX_FRAME_BYTES, DEFAULT_MAX_FRAME_BYTES, 1024, 16 * 1024 * 1024);
    }

    @Override
    public Inbound decode(String text) {
        return Codec.decode(text, maxFrameBytes);
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
