package org.inkroom.room;

import static org.inkroom.room.Audience.closeSlow;
import static org.inkroom.room.Audience.flush;
import static org.inkroom.room.Audience.indexOf;
import static org.inkroom.room.Audience.offer;
import static org.inkroom.room.Audience.typeOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
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
 * One collaborative canvas and its members on this node.
 *
 * <p>Ordering: the room's {@link RoomChannel} gives every op its seq. On a single node that is the
 * room's lock: the op is numbered, applied to the {@link Canvas} and queued on every receiver's
 * peer in one critical section. In a cluster the bus numbers it and delivers it back, in seq
 * order, to every node hosting the room (this one included); each applies it under its lock. So
 * every member sees ops in seq order, and a joiner's {@code sync} is followed by exactly the ops
 * after it. The I/O starts after the lock is released ({@link Peer#flush}). A member's op that
 * finds the lock taken is queued for its holder ({@link RoomLock}). Cursor positions are
 * not ordered against anything and skip the lock.
 */
public final class Room implements RoomChannel.Listener {

    private static final Logger LOG = Logger.getLogger(Room.class.getName());
    /** Who a clear by the admin console is attributed to. */
    static final String ADMIN = "admin";

    private final RoomId id;
    private final RoomSettings settings;
    private final CanvasStore store;
    private final RoomChannel channel;
    private final LongSupplier nanoClock;
    private final RoomEvents events;
    private final RoomLock lock;
    /** Members of every room on this node, for the node's cap. */
    private final NodeMembers nodeMembers;
    private final Replies replies;

    // Guarded by lock.
    private Canvas canvas;
    private long emptySinceNanos;
    private volatile long lastActivityMillis = System.currentTimeMillis();
    private boolean retired;
    // Written under lock, read without it (cursor relay): always replaced, never mutated.
    private volatile Member[] members = new Member[0];

    Room(RoomId id, RoomSettings settings, CanvasStore store, RoomBus bus, LongSupplier nanoClock, RoomEvents events) {
        this(id, settings, store, bus, nanoClock, events, new NodeMembers());
    }

    Room(RoomId id, RoomSettings settings, CanvasStore store, RoomBus bus, LongSupplier nanoClock, RoomEvents events,
         NodeMembers nodeMembers) {
        this.nodeMembers = nodeMembers;
        this.id = id;
        this.settings = settings;
        this.store = store;
        this.nanoClock = nanoClock;
        this.lock = new RoomLock(id.value(), this::finish);
        this.events = events;
        this.canvas = Canvas.of(store.load(id), settings.maxElements());
        this.emptySinceNanos = nanoClock.getAsLong();
        this.channel = bus.open(id, this);
        this.replies = new Replies(id, store, channel, events);
    }

    /** Agrees with the bus on the epoch and numbering; separate from the constructor so the room is complete before it can hear anything. */
    void open() {
        lock.lock();
        try {
            RoomChannel.Start start = channel.start(canvas);
            if (start.renumbered()) {
                canvas.renumber(start.epoch(), Math.max(start.seq(), canvas.seq()));
            } else {
                canvas.adopt(start.epoch());
            }
        } finally {
            lock.unlock();
        }
    }

    public RoomId id() {
        return id;
    }

    /**
     * Admits a peer under a name and colour unique in the room (on every node). Returns null if the
     * room was retired meanwhile (the registry then opens a fresh one); throws {@link RoomFullException}
     * at the member limit, {@link RoomChannel.UnavailableException} while the bus is unreachable.
     */
    Membership admit(String requestedName, Peer peer, JoinOptions options) {
        String base = Identities.sanitize(requestedName);
        RoomChannel.Identity claimed = channel.local() ? null : channel.claim(base, Set.of(), Set.of(), options.role());
        Member member;
        Member[] audience;
        // Ops queued before the join are applied first: the sync includes them.
        RoomLock.After after = lock.lockCurrent();
        try {
            Member[] current = members;
            boolean roomFull = current.length >= settings.maxMembers();
            boolean nodeFull = !retired && !roomFull && !nodeMembers.tryAdd(settings.maxNodeMembers());
            if (retired || roomFull || nodeFull) {
                if (claimed != null) {
                    channel.release(claimed.userId());
                }
                if (retired) {
                    return null;
                }
                throw roomFull ? new RoomFullException(id, settings.maxMembers())
                        : new RoomFullException("this server holds its limit of " + settings.maxNodeMembers() + " members");
            }
            RoomChannel.Identity identity = claimed != null ? claimed : claimLocally(base, current, options.role());
            member = new Member(identity.userId(), identity.color(), peer, options.acks(), options.role());
            audience = Arrays.copyOf(current, current.length + 1);
            audience[current.length] = member;
            members = audience;
            after.audience = audience;

            offer(member, Frame.of(canvas.syncText(member.userId(), member.color(), options)), after.slow);
            String join = Codec.encode(ServerMessage.join(member.userId(), member.color(), member.roleOnWire()));
            for (Member m : current) {
                offer(m, Frame.of(join), after.slow);
            }
            offerUserList(audience, after.slow);
        } finally {
            lock.unlock(after);
        }
        events.memberJoined(id, member.userId());
        LOG.log(Level.FINE, "{0} joined room {1} ({2} members here)", new Object[] {member, id, audience.length});
        return new Membership(this, member, new SendPolicy(options.role(), settings.sendLimits(), nanoClock));
    }

    private RoomChannel.Identity claimLocally(String base, Member[] current, Role role) {
        Set<String> names = new HashSet<>();
        Set<String> colors = new HashSet<>();
        for (Member m : current) {
            names.add(m.userId());
            colors.add(m.color());
        }
        return channel.claim(base, names, colors, role);
    }

    void leave(Member member) {
        Member[] rest;
        RoomLock.After after = lock.lockCurrent();
        try {
            Member[] current = members;
            int at = indexOf(current, member);
            if (at < 0) {
                return;
            }
            after.audience = current; // queued ops may have offered to the leaver too
            rest = new Member[current.length - 1];
            System.arraycopy(current, 0, rest, 0, at);
            System.arraycopy(current, at + 1, rest, at, rest.length - at);
            members = rest;
            nodeMembers.remove();
            if (rest.length == 0) {
                emptySinceNanos = nanoClock.getAsLong();
            }
            String leave = Codec.encode(ServerMessage.leave(member.userId()));
            for (Member m : rest) {
                offer(m, Frame.of(leave), after.slow);
            }
            offerUserList(rest, after.slow);
        } finally {
            lock.unlock(after);
        }
        channel.release(member.userId());
        events.memberLeft(id, member.userId());
        LOG.log(Level.FINE, "{0} left room {1} ({2} members here)", new Object[] {member, id, rest.length});
    }

    void receive(Member from, ClientMessage message) {
        events.received(typeOf(message));
        if (message instanceof ClientMessage.Draw draw) {
            Element element = draw.data().owned(from.userId());
            // Encoded once: the same text goes to the store and into every receiver's frame.
            submit(from, new Op.Draw(element, Codec.toJson(element)), draw.data().op(), element.id());
        } else if (message instanceof ClientMessage.Cursor cursor) {
            cursor(from, cursor.data().withColor(from.color()));
        } else if (message instanceof ClientMessage.Clear) {
            submit(from, new Op.Clear(), null, null);
        } else if (message instanceof ClientMessage.Update u) {
            submit(from, new Op.Update(u.data().id(), u.data().from(), u.data().points()), u.data().op(), u.data().id());
        } else if (message instanceof ClientMessage.Erase erase) {
            submit(from, new Op.Erase(erase.data().ids()), erase.data().op(), null);
        } else if (message instanceof ClientMessage.Restore restore) {
            submit(from, new Op.Restore(restore.data().ids()), restore.data().op(), null);
        }
    }

    void reject(Member to, ErrorData error) {
        replies.reject(to, error);
    }

    /** Closes a member's connection for breaking the send policy (flooding); it leaves as the connection closes. */
    void expel(Member member, int code, String reason) {
        events.receiverClosed(code);
        LOG.log(Level.INFO, "Closing {0} ({1}) in room {2}: {3}",
                new Object[] {member, member.peer().address() == null ? "address unknown" : member.peer().address(), id, reason});
        member.peer().close(code, reason);
    }

    /**
     * An op from a member: queued, then applied by whichever thread holds the lock ({@link RoomLock#submit}).
     * Checked against the canvas, numbered by the channel and applied: on a single node all of it
     * happens under the lock; in a cluster the bus delivers the numbered op back ({@link #sequenced})
     * and only ops that can only be judged against the canvas as it stands when they are applied
     * (all but draws) are left to that moment.
     */
    private void submit(Member from, Op op, String label, String elementId) {
        Submission submission = new Submission(from, label, elementId);
        lock.submit(after -> submitLocked(submission, op, after));
    }

    private void submitLocked(Submission submission, Op op, RoomLock.After after) {
        Member from = submission.from();
        Member[] audience = members;
        after.audience = audience;
        if (indexOf(audience, from) < 0) {
            return;
        }
        boolean local = channel.local();
        Canvas.Outcome outcome = local || op instanceof Op.Draw ? canvas.evaluate(from.userId(), op) : new Canvas.Change(op);
        if (!(outcome instanceof Canvas.Change change)) {
            replies.answer(submission, outcome, after.slow);
            return;
        }
        CompletionStage<RoomChannel.Publication> published = channel.publish(from.userId(), change.op(), submission);
        if (local) {
            long seq = published.toCompletableFuture().join().seq();
            applyLocked(new Op.Sequenced(seq, from.userId(), change.op()), submission, audience, after.slow);
        } else {
            after.then.add(() -> published.whenComplete((pub, failure) -> afterPublish(submission, pub, failure)));
        }
    }

    /** Lock released: start the receivers' I/O once, close those that overflowed, then the rest. */
    private void finish(RoomLock.After after) {
        if (after.audience != null) {
            flush(after.audience);
        }
        closeSlow(after.slow, events);
        after.then.forEach(Runnable::run);
    }

    /** In a cluster: the bus has numbered the op (it is applied when delivered), found it a duplicate, or failed. */
    private void afterPublish(Submission submission, RoomChannel.Publication p, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.FINE, "Op of {0} in room {1} not ordered: {2}", new Object[] {submission.from(), id, failure});
            if (submission.from() != null) {
                events.receiverClosed(Peer.TRY_AGAIN_LATER);
                submission.from().peer().close(Peer.TRY_AGAIN_LATER, "cluster bus unavailable: reconnect and send again");
            }
        } else if (p.duplicate()) {
            replies.acknowledgeKnown(submission, p.seq());
        }
    }

    /** The bus delivers the room's next op (cluster): apply it, and store and answer it if it was asked for here. */
    @Override
    public void sequenced(Op.Sequenced op, Object origin) {
        RoomLock.After after = lock.lockCurrent();
        try {
            after.audience = members;
            if (op.seq() <= canvas.seq()) {
                return; // already applied (delivered twice, or part of what the store held)
            }
            applyLocked(op, (Submission) origin, after.audience, after.slow);
        } finally {
            lock.unlock(after);
        }
    }

    /**
     * The one place a numbered op takes effect on this node: the canvas changes, receivers get the
     * change, and the node it was asked on stores it (exactly one node does) and answers the sender.
     */
    private void applyLocked(Op.Sequenced op, Submission origin, Member[] audience, List<Peer> slow) {
        Canvas.Applied applied = canvas.apply(op.seq(), op.userId(), op.op(), true);
        if (!applied.changed()) {
            if (origin != null) {
                replies.answer(origin, applied.outcome(), slow);
            }
            return;
        }
        Op effective = ((Canvas.Change) applied.outcome()).op();
        Member sender = origin == null ? null : origin.from();
        lastActivityMillis = System.currentTimeMillis();
        if (origin != null) {
            if (effective instanceof Op.Clear) {
                store.clear(id, op.seq());
                events.cleared(id, op.userId());
            } else {
                store.append(id, op.seq(), effective);
            }
        }
        // The sender of a clear sees it too: its own canvas empties when the server says so.
        Member skip = effective instanceof Op.Clear ? null : sender;
        Frame frame = Frame.of(applied.text());
        for (Member m : audience) {
            if (m != skip) {
                offer(m, frame, slow);
            }
        }
        if (sender != null && !(effective instanceof Op.Clear)) {
            replies.acknowledgeWhenDurable(sender, origin.elementId(), origin.label(), op.seq());
        }
    }

    private void cursor(Member from, CursorData cursor) {
        relayCursor(from, from.userId(), cursor);
        channel.publishCursor(from.userId(), cursor);
    }

    @Override
    public void cursor(String userId, CursorData cursor) {
        relayCursor(null, userId, cursor);
    }

    private void relayCursor(Member from, String userId, CursorData cursor) {
        Frame frame = Frame.latestWins(Codec.encode(ServerMessage.cursor(userId, cursor)), "cursor:" + userId);
        Member[] audience = members;
        List<Peer> slow = new ArrayList<>(0);
        for (Member m : audience) {
            if (m != from) {
                offer(m, frame, slow);
            }
        }
        flush(audience);
        closeSlow(slow, events);
    }

    /** A member joined or left on another node: tell the members here, with the new user list. */
    @Override
    public void presence(String userId, RoomChannel.Presence presence) {
        RoomLock.After after = lock.lockCurrent();
        try {
            Member[] audience = members;
            after.audience = audience;
            Frame frame = Frame.of(Codec.encode(presence != null
                    ? ServerMessage.join(userId, presence.color(), roleOnWire(presence.role())) : ServerMessage.leave(userId)));
            for (Member m : audience) {
                offer(m, frame, after.slow);
            }
            offerUserList(audience, after.slow);
        } finally {
            lock.unlock(after);
        }
    }

    /**
     * The bus lost the room's history or cannot fill a gap: reload from the store, agree on a
     * (possibly new) epoch, and send everyone here away to reconnect: they come back to a full sync
     * and resend what was not acknowledged.
     */
    @Override
    public void reset(String reason) {
        Member[] audience;
        lock.lock();
        try {
            store.flush();
            canvas = Canvas.of(store.load(id), settings.maxElements());
            open();
            audience = members;
        } finally {
            lock.unlock();
        }
        LOG.log(Level.WARNING, "Room {0} reloaded from the store ({1}): epoch {2}, seq {3}; {4} members reconnect",
                new Object[] {id, reason, canvas.epoch(), Long.toString(canvas.seq()), audience.length});
        closeAll(Peer.TRY_AGAIN_LATER, "room history reloaded: reconnect");
    }

    @Override
    public void unavailable() {
        closeAll(Peer.TRY_AGAIN_LATER, "cluster bus unavailable: reconnect later");
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
        channel.close();
        return true;
    }

    /** The room could not open: stop hearing it. */
    void abandon() {
        channel.close();
    }

    /** Closes every member's connection (server shutdown, bus trouble, an administrator). */
    void closeAll(int code, String reason) {
        for (Member m : members) {
            events.receiverClosed(code);
            m.peer().close(code, reason);
        }
    }

    // ---- for the admin console ----

    /** Where the room stands, as the admin console lists it. */
    public RoomSummary summary() {
        RoomLock.After after = lock.lockCurrent();
        try {
            return new RoomSummary(id.value(), members.length, channel.remoteMembers().size(), canvas.size(),
                    canvas.seq(), canvas.epoch(), lastActivityMillis, canvas.approximateBytes());
        } finally {
            lock.unlock(after);
        }
    }

    /** The members on this node, with their addresses and how much waits to be sent to each. */
    public List<MemberInfo> memberInfos() {
        List<MemberInfo> out = new ArrayList<>();
        for (Member m : members) {
            out.add(new MemberInfo(m.userId(), m.color(), m.peer().address(), m.peer().queued()));
        }
        return out;
    }

    /** Members on other nodes (cluster): user id to colour. */
    public Map<String, RoomChannel.Presence> remoteMembers() {
        return channel.remoteMembers();
    }

    /** An administrator closes the room here: members get 1001 and reconnect. */
    public void closeByAdmin() {
        events.adminAction("close", id, members.length + " members");
        closeAll(Peer.GOING_AWAY, "room closed by an administrator");
    }

    /** An administrator removes one member (1008: the page does not reconnect). False if no such member here. */
    public boolean removeByAdmin(String userId) {
        for (Member m : members) {
            if (m.userId().equals(userId)) {
                events.adminAction("remove", id, userId);
                events.receiverClosed(Peer.POLICY_VIOLATION);
                m.peer().close(Peer.POLICY_VIOLATION, "removed by an administrator");
                return true;
            }
        }
        return false;
    }

    /** An administrator clears the canvas for everyone, on every node: an ordinary clear op. */
    public void clearByAdmin() {
        Submission submission = new Submission(null, null, null);
        CompletionStage<RoomChannel.Publication> published;
        RoomLock.After after = lock.lockCurrent();
        try {
            after.audience = members;
            published = channel.publish(ADMIN, new Op.Clear(), submission);
            if (channel.local()) {
                long seq = published.toCompletableFuture().join().seq();
                applyLocked(new Op.Sequenced(seq, ADMIN, new Op.Clear()), submission, after.audience, after.slow);
            }
        } finally {
            lock.unlock(after);
        }
        published.toCompletableFuture().join(); // an administrator waits for the bus; a failure reaches them
        events.adminAction("clear", id, null); // only once it happened
    }

    public int memberCount() {
        return members.length;
    }

    public List<String> memberIds() {
        return Arrays.stream(members).map(Member::userId).toList();
    }

    /** A copy of the live canvas in drawing order. */
    public List<Element> elements() {
        RoomLock.After after = lock.lockCurrent();
        try {
            return canvas.elements();
        } finally {
            lock.unlock(after);
        }
    }

    public String epoch() {
        RoomLock.After after = lock.lockCurrent();
        try {
            return canvas.epoch();
        } finally {
            lock.unlock(after);
        }
    }

    public long seq() {
        RoomLock.After after = lock.lockCurrent();
        try {
            return canvas.seq();
        } finally {
            lock.unlock(after);
        }
    }

    private static String roleOnWire(Role role) {
        return role == Role.VIEWER ? role.wireName() : null;
    }

    /** Everyone in the room: the members here, then those on other nodes. */
    private void offerUserList(Member[] audience, List<Peer> slow) {
        Map<String, RoomChannel.Presence> remote = channel.remoteMembers();
        List<ServerMessage.UserInfo> users = new ArrayList<>(audience.length + remote.size());
        for (Member m : audience) {
            users.add(new ServerMessage.UserInfo(m.userId(), m.color(), m.roleOnWire()));
        }
        remote.forEach((user, p) -> users.add(new ServerMessage.UserInfo(user, p.color(), roleOnWire(p.role()))));
        Frame frame = Frame.latestWins(Codec.encode(ServerMessage.userlist(users)), "userlist");
        for (Member m : audience) {
            offer(m, frame, slow);
        }
    }
}
