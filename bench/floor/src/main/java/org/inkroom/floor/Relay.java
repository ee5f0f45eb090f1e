package org.inkroom.floor;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare relay: one text frame in, the same frame out to every other member of its room. On open
 * a constant {@code {"type":"sync"}} frame (the load generator waits for a sync before it measures).
 * With {@link Stamp#ON} each frame goes out as the seed's protocol has a server send it on.
 */
@ServerEndpoint("/ws/{room}")
public class Relay {

    static final String SYNC = "{\"type\":\"sync\",\"data\":{\"elements\":[]}}";
    private static final ConcurrentHashMap<String, Set<Member>> ROOMS = new ConcurrentHashMap<>();
    /** Per room, the {@code seq} the stamped variant writes ({@link Stamp}). */
    private static final ConcurrentHashMap<String, AtomicLong> SEQS = new ConcurrentHashMap<>();

    private Member me;
    private Set<Member> room;
    private String userId;
    private AtomicLong seq;

    @OnOpen
    public void open(Session session, @PathParam("room") String roomId) {
        PlainIdleTimer.apply(session);
        me = new Member(session, Sending.forSession(session));
        room = ROOMS.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet());
        if (Stamp.ON) {
            userId = Stamp.userId(session);
            seq = SEQS.computeIfAbsent(roomId, k -> new AtomicLong());
        }
        room.add(me);
        me.send(SYNC);
    }

    @OnMessage
    public void message(String text) {
        if (Stamp.ON) {
            text = Stamp.apply(text, userId, seq.incrementAndGet());
        }
        for (Member m : room) {
            if (m != me) {
                m.send(text);
            }
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        leave();
    }

    @OnError
    public void error(Session session, Throwable failure) {
        leave();
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }

    private void leave() {
        if (room != null) {
            room.remove(me);
        }
    }
}
