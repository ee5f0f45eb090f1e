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

/**
 * The bare relay: one text frame in, the same frame out to every other member of its room. On open
 * a constant {@code {"type":"sync"}} frame (the load generator waits for a sync before it measures).
 */
@ServerEndpoint("/ws/{room}")
public class Relay {

    static final String SYNC = "{\"type\":\"sync\",\"data\":{\"elements\":[]}}";
    private static final ConcurrentHashMap<String, Set<Member>> ROOMS = new ConcurrentHashMap<>();

    private Member me;
    private Set<Member> room;

    @OnOpen
    public void open(Session session, @PathParam("room") String roomId) {
        PlainIdleTimer.apply(session);
        me = new Member(session, Sending.forSession(session));
        room = ROOMS.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet());
        room.add(me);
        me.send(SYNC);
    }

    @OnMessage
    public void message(String text) {
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
