package org.inkroom.web;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.Inbound;
import org.inkroom.protocol.MessageDecoder;
import org.inkroom.room.JoinOptions;
import org.inkroom.room.Membership;
import org.inkroom.room.Peer;
import org.inkroom.room.RoomChannel;
import org.inkroom.room.RoomFullException;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomRegistry;
import org.inkroom.room.Role;

/**
 * {@code /ws/{roomId}?userId=name[&ack=1][&batch=1][&since=N&epoch=E][&token=T]}: one instance per connection (a CDI {@code @Dependent} bean, so
 * Liberty injects it). Validates, then delegates every event to the room registry.
 */
@Dependent
@ServerEndpoint(value = "/ws/{roomId}", decoders = MessageDecoder.class, configurator = HandshakeConfigurator.class)
public class InkroomEndpoint {

    private static final Logger LOG = Logger.getLogger(InkroomEndpoint.class.getName());

    @Inject
    RoomRegistry registry;
    @Inject
    WebSettings settings;
    @Inject
    Gate gate;
    @Inject
    Heartbeat heartbeat;

    // A close can be handled on another thread while open() is still joining (a client that leaves
    // right after its sync): each side writes its own flag, then reads the other's, so one of them
    // always sees both and the member cannot stay behind as a ghost.
    private volatile Membership membership;
    private volatile boolean closed;
    private volatile boolean closedTooBig;
    private volatile SessionPeer peer;
    /** The address this connection is counted under in the gate, once counted. */
    private volatile String countedAddress;

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("roomId") String roomId) {
        Object refusal = config.getUserProperties().get(HandshakeConfigurator.REFUSAL);
        Object role = config.getUserProperties().get(HandshakeConfigurator.ROLE);
        if (refusal != null || !(role instanceof Role) || !RoomId.isValid(roomId)) {
            SessionPeer.closeSession(session, Peer.POLICY_VIOLATION,
                    refusal != null ? refusal.toString() : "invalid room id");
            return;
        }
        Object address = config.getUserProperties().get(HandshakeConfigurator.ADDRESS);
        String from = address == null ? null : address.toString();
        if (!gate.opened(from)) {
            registry.events().receiverClosed(Peer.POLICY_VIOLATION);
            SessionPeer.closeSession(session, Peer.POLICY_VIOLATION, "too many connections from your address");
            return;
        }
        countedAddress = from;
        session.setMaxTextMessageBufferSize(settings.maxFrameBytes());
        try {
            SessionPeer joining = new SessionPeer(session, settings, isOn(param(session, "batch")), this::leave,
                    registry.events(), from);
            peer = joining;
            Membership joined = registry.join(new RoomId(roomId), param(session, "userId"), joining,
                    options(session).withRole((Role) role));
            membership = joined;
            heartbeat.watch(joining);
            if (closed) {
                leave();
            }
        } catch (RoomFullException e) {
            uncount();
            registry.events().receiverClosed(Peer.TRY_AGAIN_LATER);
            SessionPeer.closeSession(session, Peer.TRY_AGAIN_LATER, e.getMessage());
        } catch (RoomChannel.UnavailableException e) {
            uncount();
            registry.events().receiverClosed(Peer.TRY_AGAIN_LATER);
            SessionPeer.closeSession(session, Peer.TRY_AGAIN_LATER, "cluster bus unavailable: reconnect later");
        }
    }

    /** Any frame, a pong included, shows the peer is alive. */
    @OnMessage
    public void pong(PongMessage pong) {
        SessionPeer p = peer;
        if (p != null) {
            p.heard();
        }
    }

    @OnMessage
    public void message(Inbound inbound, Session session) {
        Membership m = membership;
        if (m == null) {
            return;
        }
        peer.heard();
        if (inbound instanceof ClientMessage message) {
            m.receive(message);
        } else if (inbound instanceof Inbound.Rejected rejected) {
            if (rejected.tooLarge()) {
                closedTooBig = true;
                registry.events().receiverClosed(Peer.TOO_BIG);
                SessionPeer.closeSession(session, Peer.TOO_BIG, rejected.error().message());
            } else {
                m.reject(rejected.error());
            }
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        uncount();
        if (reason.getCloseCode().getCode() == Peer.TOO_BIG && !closedTooBig) {
            registry.events().receiverClosed(Peer.TOO_BIG); // the container's own frame limit closed it
        }
        leave();
        Membership m = membership;
        if (m != null) {
            LOG.log(Level.FINE, "{0} closed: {1}", new Object[] {m.userId(), reason});
        }
    }

    /** On close, and when a send failed and the peer is closing the session (whether or not {@code @OnClose} follows). */
    private void leave() {
        closed = true;
        Membership m = membership;
        if (m != null) {
            m.leave();
        }
        SessionPeer p = peer;
        if (p != null) {
            ifStillDeployed(() -> heartbeat.forget(p));
            p.releaseStuckWritesLater();
        }
        uncount();
    }

    /**
     * Tells an application-scoped bean that this connection is gone, unless the application has
     * stopped: an undeploy closes its connections, and the closes arrive after CDI has destroyed the
     * beans, whose proxies then throw (WELD-000229, or no active context). Nothing is left to tell.
     */
    private static void ifStillDeployed(Runnable tellBean) {
        try {
            tellBean.run();
        } catch (ContextNotActiveException | IllegalStateException e) {
            LOG.log(Level.FINE, "Application stopped before this connection closed: {0}", e.getMessage());
        }
    }

    /** Counts this connection out of its address's total, once (close and a failed send can both get here). */
    private synchronized void uncount() {
        String from = countedAddress;
        if (from != null) {
            countedAddress = null;
            ifStillDeployed(() -> gate.closed(from));
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // I/O trouble is the network's (a client went away): routine. Anything else is a bug here.
        Level level = failure instanceof java.io.IOException || failure.getCause() instanceof java.io.IOException
                ? Level.FINE : Level.WARNING;
        LOG.log(level, failure, () -> "WebSocket error on session " + session.getId());
    }

    /**
     * {@code ack=1} asks for acks; {@code since=N&epoch=E} asks to resume (ignored when malformed:
     * full sync). ({@code batch=1}, several messages per frame as a JSON array, is the peer's business.)
     */
    private static JoinOptions options(Session session) {
        String ack = param(session, "ack");
        Long since = null;
        String sinceText = param(session, "since");
        if (sinceText != null && sinceText.matches("\\d{1,18}")) {
            since = Long.parseLong(sinceText);
        }
        String epoch = param(session, "epoch");
        if (epoch != null && epoch.length() > 64) {
            epoch = null;
        }
        return new JoinOptions(isOn(ack), since, epoch);
    }

    private static boolean isOn(String flag) {
        return "1".equals(flag) || "true".equals(flag);
    }

    private static String param(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
