package org.inkroom.room;

/**
 * One connection as the room sees it. Implementations queue without blocking; a room calls
 * {@link #offer} for each member while it holds its lock (that fixes the order every member sees)
 * and {@link #flush} after releasing it (that starts the I/O).
 */
public interface Peer {

    /** WebSocket close codes the room uses. */
    int GOING_AWAY = 1001;
    int POLICY_VIOLATION = 1008;
    int TOO_BIG = 1009;
    int TRY_AGAIN_LATER = 1013;
    /** No pong (or any frame) within the ping timeout: the peer is gone (an application code, as HTTP's 408). */
    int NO_PONG = 4408;

    /**
     * Queues a frame. Returns false exactly once: for the frame that overflowed the peer's queue of
     * operations; the caller then closes it with {@link #TRY_AGAIN_LATER} once it has released its
     * locks. Frames offered to a closed or overflowed peer are dropped (it will resync on reconnect).
     */
    boolean offer(Frame frame);

    /** Starts sending what {@link #offer} queued, if nothing is in flight. Never blocks on I/O. */
    void flush();

    /** Closes the connection with a WebSocket close code; the endpoint's close handling removes it. */
    void close(int code, String reason);

    /** The client's address as the server saw it (for the admin console), or null. */
    default String address() {
        return null;
    }

    /** Frames waiting to be written to this peer. */
    default int queued() {
        return 0;
    }
}
