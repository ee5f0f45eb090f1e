package org.inkroom.room;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.inkroom.protocol.Validation;

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

    /** An element and its state; erased ones stay as tombstones (restorable) until the next clear. */
    private static final class Entry {
        Element element;
        long changedSeq;
        boolean erased;
        /** The element's JSON, kept once a sync has needed it (dropped when the element changes):
         *  a sync of a big canvas then costs string copies, not a serialisation per joiner. Not kept
         *  from the draw: that would add ~190 bytes to every element of every room, synced or not. */
        private String json;

        Entry(Element element, long changedSeq) {
            this.element = element;
            this.changedSeq = changedSeq;
        }

        void replace(Element changed) {
            element = changed;
            json = null;
        }

        String json() {
            String j = json;
            if (j == null) {
                j = Codec.toJson(element);
                json = j;
            }
            return j;
        }
    }

    // Guarded by lock. Insertion order is drawing order; the key makes element ids idempotent.
    private final LinkedHashMap<String, Entry> elements = new LinkedHashMap<>();
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
        for (Op.Sequenced op : history.ops()) {
            replay(op.op(), op.seq());
        }
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

            offer(member, Frame.of(syncText(member, options)), slow);
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
            draw(from, draw.data().owned(from.userId()), draw.data().op());
        } else if (message instanceof ClientMessage.Cursor cursor) {
            cursor(from, cursor.data().withColor(from.color()));
        } else if (message instanceof ClientMessage.Clear) {
            clear(from);
        } else if (message instanceof ClientMessage.Update update) {
            update(from, update.data());
        } else if (message instanceof ClientMessage.Erase erase) {
            erase(from, erase.data());
        } else if (message instanceof ClientMessage.Restore restore) {
            restore(from, restore.data());
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

    /** A change to the canvas, run under the lock; returns what to publish to other nodes, or null. */
    @FunctionalInterface
    private interface Change {
        ServerMessage apply(Member[] audience, List<Peer> slow);
    }

    /**
     * Runs {@code change} under the lock if {@code from} is still a member (the one place that
     * orders changes), then starts the I/O, closes receivers that overflowed and tells other nodes.
     */
    private void change(Member from, Change change) {
        Member[] audience;
        List<Peer> slow = new ArrayList<>(0);
        ServerMessage published = null;
        lock.lock();
        try {
            audience = members;
            if (indexOf(audience, from) >= 0) {
                published = change.apply(audience, slow);
            }
        } finally {
            lock.unlock();
        }
        finish(audience, slow, published);
    }

    private void draw(Member from, Element element, String op) {
        change(from, (audience, slow) -> {
            Entry existing = elements.get(element.id());
            if (existing != null) {
                // A repeated id (a resend after reconnect): stored and broadcast once, acknowledged again.
                acknowledgeWhenDurable(from, element.id(), op, existing.changedSeq);
                return null;
            }
            if (elements.size() >= settings.maxElements()) {
                offer(from, errorFrame(ErrorData.ROOM_FULL,
                        "this room holds its maximum of " + settings.maxElements() + " elements; clear it to draw more", op), slow);
                return null;
            }
            seq++;
            // Encoded once: the same text goes to the store and into every receiver's frame.
            String json = Codec.toJson(element);
            elements.put(element.id(), new Entry(element, seq));
            store.append(id, seq, new Op.Draw(element, json));
            acknowledgeWhenDurable(from, element.id(), op, seq);
            String message = Codec.encodeWithData(ServerMessage.draw(from.userId(), null, seq), json);
            broadcastLocked(audience, from, Frame.of(message), slow);
            return ServerMessage.draw(from.userId(), element, seq);
        });
    }

    /** Appends points to the sender's own path; points the room already has are skipped (idempotent resend). */
    private void update(Member from, ClientMessage.UpdateData u) {
        change(from, (audience, slow) -> updateLocked(audience, from, u, slow));
    }

    private ServerMessage updateLocked(Member[] audience, Member from, ClientMessage.UpdateData u, List<Peer> slow) {
        Entry entry = elements.get(u.id());
        if (entry == null || entry.erased || !"path".equals(entry.element.elementType())) {
            offer(from, errorFrame(ErrorData.INVALID_UPDATE, "no path with id " + u.id() + " on this canvas", u.op()), slow);
            return null;
        }
        if (!from.userId().equals(entry.element.userId())) {
            offer(from, errorFrame(ErrorData.NOT_ALLOWED, "only the author of a path can extend it", u.op()), slow);
            return null;
        }
        int have = entry.element.pointCount();
        if (u.from() > have) {
            offer(from, errorFrame(ErrorData.INVALID_UPDATE,
                    "from " + u.from() + " is beyond the path's " + have + " points", u.op()), slow);
            return null;
        }
        int skip = have - u.from();
        if (skip >= u.points().length) {
            acknowledgeWhenDurable(from, u.id(), u.op(), entry.changedSeq);
            return null;
        }
        double[][] fresh = Arrays.copyOfRange(u.points(), skip, u.points().length);
        if (have + fresh.length > Validation.MAX_POINTS) {
            offer(from, errorFrame(ErrorData.INVALID_UPDATE,
                    "a path holds at most " + Validation.MAX_POINTS + " points; start a new one", u.op()), slow);
            return null;
        }
        seq++;
        entry.replace(entry.element.withMorePoints(fresh));
        entry.changedSeq = seq;
        store.append(id, seq, new Op.Update(u.id(), have, fresh));
        acknowledgeWhenDurable(from, u.id(), u.op(), seq);
        ServerMessage published = ServerMessage.update(from.userId(), u.id(), have, fresh, seq);
        broadcastLocked(audience, from, published, slow);
        return published;
    }

    private void erase(Member from, ClientMessage.IdsData d) {
        change(from, (audience, slow) -> {
            List<String> erased = new ArrayList<>();
            for (String elementId : new java.util.LinkedHashSet<>(d.ids())) {
                Entry e = elements.get(elementId);
                if (e != null && !e.erased) {
                    erased.add(elementId);
                }
            }
            ServerMessage published = null;
            if (!erased.isEmpty()) {
                seq++;
                markErased(erased, true, seq);
                store.append(id, seq, new Op.Erase(erased));
                published = ServerMessage.erase(from.userId(), erased, seq);
                broadcastLocked(audience, from, published, slow);
            }
            acknowledgeWhenDurable(from, null, d.op(), seq);
            return published;
        });
    }

    private void restore(Member from, ClientMessage.IdsData d) {
        change(from, (audience, slow) -> {
            Set<String> wanted = new HashSet<>(d.ids());
            List<String> restored = new ArrayList<>();
            List<Element> back = new ArrayList<>();
            for (Map.Entry<String, Entry> e : elements.entrySet()) { // drawing order
                if (e.getValue().erased && wanted.contains(e.getKey())) {
                    restored.add(e.getKey());
                    back.add(e.getValue().element);
                }
            }
            ServerMessage published = null;
            if (!restored.isEmpty()) {
                seq++;
                markErased(restored, false, seq);
                store.append(id, seq, new Op.Restore(restored));
                published = ServerMessage.restore(from.userId(), back, seq);
                broadcastLocked(audience, from, published, slow);
            }
            acknowledgeWhenDurable(from, null, d.op(), seq);
            return published;
        });
    }

    /** Applies a stored op while loading (no members yet, nothing to send). */
    private void replay(Op op, long opSeq) {
        if (op instanceof Op.Draw d) {
            elements.putIfAbsent(d.element().id(), new Entry(d.element(), opSeq));
        } else if (op instanceof Op.Update u) {
            Entry e = elements.get(u.id());
            if (e != null && e.element.pointCount() == u.from()) {
                e.replace(e.element.withMorePoints(u.points()));
                e.changedSeq = opSeq;
            }
        } else if (op instanceof Op.Erase er) {
            markErased(er.ids(), true, opSeq);
        } else if (op instanceof Op.Restore r) {
            markErased(r.ids(), false, opSeq);
        }
    }

    private void markErased(List<String> ids, boolean erased, long atSeq) {
        for (String elementId : ids) {
            Entry e = elements.get(elementId);
            if (e != null) {
                e.erased = erased;
                e.changedSeq = atSeq;
            }
        }
    }

    private static void broadcastLocked(Member[] audience, Member from, ServerMessage message, List<Peer> slow) {
        broadcastLocked(audience, from, Frame.of(Codec.encode(message)), slow);
    }

    private static void broadcastLocked(Member[] audience, Member from, Frame frame, List<Peer> slow) {
        for (Member m : audience) {
            if (m != from) {
                offer(m, frame, slow);
            }
        }
    }

    /** After the lock: start the I/O, close receivers that overflowed, tell the other nodes. */
    private void finish(Member[] audience, List<Peer> slow, ServerMessage published) {
        flush(audience);
        closeSlow(slow);
        if (published != null) {
            bus.publish(id, published);
        }
    }

    private static Frame errorFrame(String code, String message, String op) {
        return Frame.of(Codec.encode(ServerMessage.error(new ErrorData(code, message, op))));
    }

    /** The ack goes out only once the store holds the operation, so an acknowledged stroke survives a crash. */
    private void acknowledgeWhenDurable(Member to, String elementId, String op, long opSeq) {
        if (!to.wantsAcks()) {
            return;
        }
        store.whenDurable(() -> {
            Peer peer = to.peer();
            if (peer.offer(Frame.of(Codec.encode(ServerMessage.ack(elementId, op, opSeq))))) {
                peer.flush();
            } else {
                closeSlow(List.of(peer));
            }
        });
    }

    /**
     * A full sync, or only what a resuming client missed when its epoch and seq still apply; the
     * elements are spliced in from each entry's kept JSON (lock held).
     */
    private String syncText(Member member, JoinOptions options) {
        Long since = options.since();
        List<String> jsons = new ArrayList<>();
        if (since != null && epoch.equals(options.epoch()) && since >= clearedAt && since <= seq) {
            List<String> erased = new ArrayList<>();
            for (Entry e : elements.values()) {
                if (e.changedSeq > since) {
                    if (e.erased) {
                        erased.add(e.element.id());
                    } else {
                        jsons.add(e.json());
                    }
                }
            }
            return Codec.encodeSync(
                    ServerMessage.resume(member.userId(), member.color(), List.of(), erased, seq, epoch, since), jsons);
        }
        for (Entry e : elements.values()) {
            if (!e.erased) {
                jsons.add(e.json());
            }
        }
        return Codec.encodeSync(ServerMessage.sync(member.userId(), member.color(), List.of(), seq, epoch), jsons);
    }

    /** The live elements in drawing order. */
    private List<Element> elementList() {
        List<Element> list = new ArrayList<>(elements.size());
        for (Entry e : elements.values()) {
            if (!e.erased) {
                list.add(e.element);
            }
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
        change(from, (audience, slow) -> {
            elements.clear();
            seq++;
            clearedAt = seq;
            store.clear(id, seq);
            ServerMessage published = ServerMessage.clear(from.userId(), seq);
            broadcastLocked(audience, null, published, slow);
            return published;
        });
    }

    /** Applies what another node accepted for this room and passes it to the local members. */
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
            Object data = message.data();
            switch (message.type()) {
                case "draw" -> {
                    if (!(data instanceof Element e) || elements.containsKey(e.id())) {
                        return;
                    }
                    replay(new Op.Draw(e), remoteSeq);
                }
                case "update" -> {
                    if (!(data instanceof ServerMessage.UpdateData u)) {
                        return;
                    }
                    replay(new Op.Update(u.id(), u.from(), u.points()), remoteSeq);
                }
                case "erase" -> {
                    if (!(data instanceof ServerMessage.IdsData d)) {
                        return;
                    }
                    replay(new Op.Erase(d.ids()), remoteSeq);
                }
                case "restore" -> {
                    if (!(data instanceof ServerMessage.ElementsData d)) {
                        return;
                    }
                    replay(new Op.Restore(d.elements().stream().map(Element::id).toList()), remoteSeq);
                }
                case "clear" -> {
                    elements.clear();
                    clearedAt = remoteSeq;
                }
                default -> {
                    return;
                }
            }
            broadcastLocked(audience, null, message, slow);
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

    /** A copy of the live canvas in drawing order. */
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
