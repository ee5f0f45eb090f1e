package org.inkroom.room;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.CursorData;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.ErrorData;
import org.inkroom.protocol.ServerMessage;

/**
 * One collaborative canvas and its members.
 *
 * <p>Ordering: every change (join, leave, draw, clear) happens under the room's lock, which also
 * assigns the sequence number and queues the encoded frame on every receiver's peer. So all
 * members see operations in sequence order, and a joiner's {@code sync} is followed by exactly
 * the operations after it. The I/O itself starts after the lock is released ({@link Peer#flush}).
 * Cursor positions are not ordered against anything and skip the lock.
 */
public final class Room {

    private static final Logger LOG = Logger.getLogger(Room.class.getName());

    private final RoomId id;
    private final RoomSettings settings;
    private final CanvasStore store;
    private final RoomBus bus;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock. Insertion order is drawing order; the key makes element ids idempotent.
    private final LinkedHashMap<String, CanvasStore.Stored> elements = new LinkedHashMap<>();
    private final String epoch;
    private long seq;
    private long clearedAt;
    private long emptySinceNanos;
    private boolean retired;
    private RoomBus.Subscription subscription;
    // Written under lock, read without it (cursor relay): always replaced, never mutated.
    private volatile Member[] members = new Member[0];

    Room(RoomId id, RoomSettings settings, CanvasStore store, RoomBus bus, LongSupplier nanoClock) {
        this.id = id;
        this.settings = settings;
        this.store = store;
        this.bus = bus;
        this.nanoClock = nanoClock;
        CanvasStore.History history = store.load(id);
        history.elements().forEach(s -> elements.put(s.element().id(), s));
        this.epoch = history.epoch();
        this.seq = history.seq();
        this.clearedAt = history.clearedAt();
        this.emptySinceNanos = nanoClock.getAsLong();
    }

    /** Subscribes to the bus; separate from the constructor so the room is complete before it can hear anything. */
    void open() {
        subscription = bus.subscribe(id, this::receiveRemote);
    }

    public RoomId id() {
        return id;
    }

    /**
     * Admits a peer under a unique name. Returns null if the room was retired meanwhile (the
     * registry then opens a fresh one); throws {@link RoomFullException} at the member limit.
     */
    Membership admit(String requestedName, Peer peer, JoinOptions options) {
        Member member;
        Member[] audience;
        List<Peer> slow = new ArrayList<>(0);
        lock.lock();
        try {
            if (retired) {
                return null;
            }
            Member[] current = members;
            if (current.length >= settings.maxMembers()) {
                throw new RoomFullException(id, settings.maxMembers());
            }
            Set<String> names = new HashSet<>();
            Set<String> colors = new HashSet<>();
            for (Member m : current) {
                names.add(m.userId());
                colors.add(m.color());
            }
            String userId = Identities.unique(Identities.sanitize(requestedName), names);
            member = new Member(userId, Identities.color(colors, current.length), peer, options.acks());
            audience = Arrays.copyOf(current, current.length + 1);
            audience[current.length] = member;
            members = audience;

            offer(member, Frame.of(Codec.encode(syncFor(member, options))), slow);
            String join = Codec.encode(ServerMessage.join(userId, member.color()));
            for (Member m : current) {
                offer(m, Frame.of(join), slow);
            }
            offerUserList(audience, slow);
        } finally {
            lock.unlock();
        }
        flush(audience);
        closeSlow(slow);
        LOG.log(Level.FINE, "{0} joined room {1} ({2} members)", new Object[] {member, id, audience.length});
        return new Membership(this, member);
    }

    void leave(Member member) {
        Member[] rest;
        List<Peer> slow = new ArrayList<>(0);
        lock.lock();
        try {
            Member[] current = members;
            int at = indexOf(current, member);
            if (at < 0) {
                return;
            }
            rest = new Member[current.length - 1];
            System.arraycopy(current, 0, rest, 0, at);
            System.arraycopy(current, at + 1, rest, at, rest.length - at);
            members = rest;
            if (rest.length == 0) {
                emptySinceNanos = nanoClock.getAsLong();
            }
            String leave = Codec.encode(ServerMessage.leave(member.userId()));
            for (Member m : rest) {
                offer(m, Frame.of(leave), slow);
            }
            offerUserList(rest, slow);
        } finally {
            lock.unlock();
        }
        flush(rest);
        closeSlow(slow);
        LOG.log(Level.FINE, "{0} left room {1} ({2} members)", new Object[] {member, id, rest.length});
    }

    void receive(Member from, ClientMessage message) {
        if (message instanceof ClientMessage.Draw draw) {
            draw(from, draw.data().withUserId(from.userId()));
        } else if (message instanceof ClientMessage.Cursor cursor) {
            cursor(from, cursor.data().withColor(from.color()));
        } else if (message instanceof ClientMessage.Clear) {
            clear(from);
        }
    }

    void reject(Member to, ErrorData error) {
        List<Peer> slow = new ArrayList<>(1);
        if (!to.peer().offer(Frame.of(Codec.encode(ServerMessage.error(error))))) {
            slow.add(to.peer());
        }
        to.peer().flush();
        closeSlow(slow);
    }

    private void draw(Member from, Element element) {
        Member[] audience;
        List<Peer> slow = new ArrayList<>(0);
        ServerMessage published = null;
        lock.lock();
        try {
            audience = members;
            if (indexOf(audience, from) < 0) {
                return;
            }
            CanvasStore.Stored existing = elements.get(element.id());
            if (existing != null) {
                // A repeated id (a resend after reconnect): stored and broadcast once, acknowledged again.
                acknowledgeWhenDurable(from, element.id(), existing.seq());
            } else if (elements.size() >= settings.maxElements()) {
                offer(from, Frame.of(Codec.encode(ServerMessage.error(new ErrorData(ErrorData.ROOM_FULL,
                        "this room holds its maximum of " + settings.maxElements() + " elements; clear it to draw more")))), slow);
            } else {
                seq++;
                elements.put(element.id(), new CanvasStore.Stored(seq, element));
                store.append(id, seq, element);
                acknowledgeWhenDurable(from, element.id(), seq);
                published = ServerMessage.draw(from.userId(), element, seq);
                Frame frame = Frame.of(Codec.encode(published));
                for (Member m : audience) {
                    if (m != from) {
                        offer(m, frame, slow);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        flush(audience);
        closeSlow(slow);
        if (published != null) {
            bus.publish(id, published);
        }
    }

    /** The ack goes out only once the store holds the operation, so an acknowledged stroke survives a crash. */
    private void acknowledgeWhenDurable(Member to, String elementId, long elementSeq) {
        if (!to.wantsAcks()) {
            return;
        }
        store.whenDurable(() -> {
            Peer peer = to.peer();
            if (peer.offer(Frame.of(Codec.encode(ServerMessage.ack(elementId, elementSeq))))) {
                peer.flush();
            } else {
                closeSlow(List.of(peer));
            }
        });
    }

    /** A full sync, or only what a resuming client missed when its epoch and seq still apply. */
    private ServerMessage syncFor(Member member, JoinOptions options) {
        Long since = options.since();
        if (since != null && epoch.equals(options.epoch()) && since >= clearedAt && since <= seq) {
            List<Element> missed = new ArrayList<>();
            for (CanvasStore.Stored s : elements.values()) {
                if (s.seq() > since) {
                    missed.add(s.element());
                }
            }
            return ServerMessage.resume(member.userId(), member.color(), missed, seq, epoch, since);
        }
        return ServerMessage.sync(member.userId(), member.color(), elementList(), seq, epoch);
    }

    private List<Element> elementList() {
        List<Element> list = new ArrayList<>(elements.size());
        for (CanvasStore.Stored s : elements.values()) {
            list.add(s.element());
        }
        return list;
    }

    private void cursor(Member from, CursorData cursor) {
        ServerMessage message = ServerMessage.cursor(from.userId(), cursor);
        relayCursor(from, message);
        bus.publish(id, message);
    }

    private void relayCursor(Member from, ServerMessage message) {
        Frame frame = Frame.latestWins(Codec.encode(message), "cursor:" + message.userId());
        Member[] audience = members;
        List<Peer> slow = new ArrayList<>(0);
        for (Member m : audience) {
            if (m != from) {
                offer(m, frame, slow);
            }
        }
        flush(audience);
        closeSlow(slow);
    }

    private void clear(Member from) {
        Member[] audience;
        List<Peer> slow = new ArrayList<>(0);
        ServerMessage published;
        lock.lock();
        try {
            audience = members;
            if (indexOf(audience, from) < 0) {
                return;
            }
            elements.clear();
            seq++;
            clearedAt = seq;
            store.clear(id, seq);
            published = ServerMessage.clear(from.userId(), seq);
            Frame frame = Frame.of(Codec.encode(published));
            for (Member m : audience) {
                offer(m, frame, slow);
            }
        } finally {
            lock.unlock();
        }
        flush(audience);
        closeSlow(slow);
        bus.publish(id, published);
    }

    /** Applies what another node accepted for this room: its members and sequence are the source of truth there. */
    void receiveRemote(ServerMessage message) {
        if ("cursor".equals(message.type())) {
            relayCursor(null, message);
            return;
        }
        Member[] audience;
        List<Peer> slow = new ArrayList<>(0);
        lock.lock();
        try {
            audience = members;
            long remoteSeq = message.seq() == null ? seq + 1 : message.seq();
            seq = Math.max(seq, remoteSeq);
            if ("draw".equals(message.type()) && message.data() instanceof Element e) {
                if (elements.putIfAbsent(e.id(), new CanvasStore.Stored(remoteSeq, e)) != null) {
                    return;
                }
            } else if ("clear".equals(message.type())) {
                elements.clear();
                clearedAt = remoteSeq;
            } else {
                return;
            }
            Frame frame = Frame.of(Codec.encode(message));
            for (Member m : audience) {
                offer(m, frame, slow);
            }
        } finally {
            lock.unlock();
        }
        flush(audience);
        closeSlow(slow);
    }

    /** Retires the room if it has been empty for the idle time; a retired room admits nobody. */
    boolean retireIfIdle(long nowNanos) {
        lock.lock();
        try {
            if (members.length > 0 || nowNanos - emptySinceNanos < settings.idleEviction().toNanos()) {
                return false;
            }
            retired = true;
        } finally {
            lock.unlock();
        }
        if (subscription != null) {
            subscription.close();
        }
        return true;
    }

    /** Closes every member's connection (server shutdown). */
    void closeAll(int code, String reason) {
        for (Member m : members) {
            m.peer().close(code, reason);
        }
    }

    public int memberCount() {
        return members.length;
    }

    public List<String> memberIds() {
        return Arrays.stream(members).map(Member::userId).toList();
    }

    /** A copy of the canvas in drawing order. */
    public List<Element> elements() {
        lock.lock();
        try {
            return elementList();
        } finally {
            lock.unlock();
        }
    }

    public String epoch() {
        return epoch;
    }

    public long seq() {
        lock.lock();
        try {
            return seq;
        } finally {
            lock.unlock();
        }
    }

    private static void offerUserList(Member[] audience, List<Peer> slow) {
        List<ServerMessage.UserInfo> users = new ArrayList<>(audience.length);
        for (Member m : audience) {
            users.add(new ServerMessage.UserInfo(m.userId(), m.color()));
        }
        Frame frame = Frame.latestWins(Codec.encode(ServerMessage.userlist(users)), "userlist");
        for (Member m : audience) {
            offer(m, frame, slow);
        }
    }

    private static void offer(Member to, Frame frame, List<Peer> slow) {
        if (!to.peer().offer(frame)) {
            slow.add(to.peer());
        }
    }

    private static void flush(Member[] audience) {
        for (Member m : audience) {
            m.peer().flush();
        }
    }

    /** Receivers whose queue overflowed are closed outside the lock; their endpoint then leaves the room. */
    private static void closeSlow(List<Peer> slow) {
        for (Peer p : slow) {
            p.close(Peer.TRY_AGAIN_LATER, "receiver too slow: operation queue overflowed, reconnect to resync");
        }
    }

    private static int indexOf(Member[] in, Member m) {
        for (int i = 0; i < in.length; i++) {
            if (in[i] == m) {
                return i;
            }
        }
        return -1;
    }
}
