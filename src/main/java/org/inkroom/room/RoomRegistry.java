package org.inkroom.room;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * All rooms of this node: created lazily on first join, evicted once empty for the configured idle
 * time. A plain class (settings in the constructor) with CDI on top: one instance per application.
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());

    private final ConcurrentHashMap<RoomId, Room> rooms = new ConcurrentHashMap<>();
    /**
     * Rooms being opened, each by the one join that started it; other joins to it wait for that.
     * Opening (the store's read, the bus) runs outside {@link #rooms}: inside its computeIfAbsent it
     * held a bin of the map, and the map's resizes, for the whole load, so 2,000 joins to 200 new
     * rooms queued behind each other (BENCHMARKS.md, session 25).
     */
    private final ConcurrentHashMap<RoomId, CompletableFuture<Room>> opening = new ConcurrentHashMap<>();
    private final RoomSettings settings;
    private final CanvasStore store;
    private final RoomBus bus;
    private final LongSupplier nanoClock;
    private final RoomEvents events;
    private final ScheduledExecutorService evictor;
    private final NodeMembers nodeMembers = new NodeMembers();
    private volatile boolean shuttingDown;

    @Inject
    public RoomRegistry(RoomSettings settings, CanvasStore store, RoomBus bus, RoomEvents events) {
        this(settings, store, bus, System::nanoTime, true, events);
    }

    public RoomRegistry(RoomSettings settings, CanvasStore store, RoomBus bus) {
        this(settings, store, bus, System::nanoTime, true, RoomEvents.NONE);
    }

    /** For tests: a clock of their own, and eviction only when they call {@link #evictIdle()}. */
    public RoomRegistry(RoomSettings settings, CanvasStore store, RoomBus bus, LongSupplier nanoClock,
                        boolean evictInBackground) {
        this(settings, store, bus, nanoClock, evictInBackground, RoomEvents.NONE);
    }

    public RoomRegistry(RoomSettings settings, CanvasStore store, RoomBus bus, LongSupplier nanoClock,
                        boolean evictInBackground, RoomEvents events) {
        this.settings = settings;
        this.store = store;
        this.bus = bus;
        this.nanoClock = nanoClock;
        this.events = events;
        if (evictInBackground) {
            evictor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "inkroom-room-evictor");
                t.setDaemon(true);
                return t;
            });
            long period = settings.evictionCheck().toMillis();
            evictor.scheduleWithFixedDelay(this::evictIdleSafely, period, period, TimeUnit.MILLISECONDS);
        } else {
            evictor = null;
        }
    }

    /** Only for the CDI client proxy; never used to serve. */
    protected RoomRegistry() {
        settings = null;
        store = null;
        bus = null;
        nanoClock = null;
        events = null;
        evictor = null;
    }

    /**
     * Puts {@code peer} into the room under a unique name derived from {@code requestedName}: it
     * gets {@code sync}, the others {@code join}, everybody {@code userlist}.
     *
     * @throws RoomFullException at the room's member limit
     */
    public Membership join(RoomId id, String requestedName, Peer peer) {
        return join(id, requestedName, peer, JoinOptions.SEED);
    }

    /** As {@link #join(RoomId, String, Peer)}, with acks and/or a resume point. */
    public Membership join(RoomId id, String requestedName, Peer peer, JoinOptions options) {
        if (shuttingDown) {
            throw new RoomFullException("this server is shutting down: reconnect to another one");
        }
        while (true) {
            Room room = rooms.get(id);
            if (room == null) {
                // A rough cap (joins opening rooms at once can pass it by one each): it bounds memory,
                // not an exact count. Rooms still opening count; a join to one of them waits for it.
                if (!opening.containsKey(id) && rooms.size() + opening.size() >= settings.maxRooms()) {
                    throw new RoomFullException("this server holds its limit of " + settings.maxRooms() + " rooms");
                }
                room = openOnce(id);
            }
            Membership membership = room.admit(requestedName, peer, options);
            if (membership != null) {
                return membership;
            }
            // The room was evicted between lookup and admit: it is already out of the map.
        }
    }

    public Optional<Room> room(RoomId id) {
        return Optional.ofNullable(rooms.get(id));
    }

    /** The rooms open on this node now. */
    public List<Room> rooms() {
        return List.copyOf(rooms.values());
    }

    /** True once the container has begun stopping (not ready any more). */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** What the store and the bus report about themselves go to the same observers. */
    public RoomEvents events() {
        return events;
    }

    public CanvasStore store() {
        return store;
    }

    public RoomBus bus() {
        return bus;
    }

    public int roomCount() {
        return rooms.size();
    }

    /** Members of all rooms on this node. */
    public int memberCount() {
        return nodeMembers.count();
    }

    public RoomSettings settings() {
        return settings;
    }

    /** Drops every room that has been empty for the idle time; returns how many. */
    public int evictIdle() {
        long now = nanoClock.getAsLong();
        int evicted = 0;
        for (RoomId id : List.copyOf(rooms.keySet())) {
            boolean[] removed = {false};
            rooms.computeIfPresent(id, (k, room) -> {
                removed[0] = room.retireIfIdle(now);
                return removed[0] ? null : room;
            });
            if (removed[0]) {
                evicted++;
                events.roomEvicted(id);
                LOG.log(Level.INFO, "Evicted idle room {0}", id);
            }
        }
        return evicted;
    }

    /**
     * The server is about to stop: refuse new joins (1013, try again later) and close every
     * connection with 1001 (going away), so the pages reconnect elsewhere. Waits up to {@code wait}
     * for the close frames to be handed to the connections; returns how many members were closed.
     * Called ahead of the container's own stop where one exists (Liberty's stop hook, JMX), and again
     * by {@link #shutdown()}, where it finds nobody left.
     */
    public int drain(java.time.Duration wait) {
        shuttingDown = true;
        List<Room> all = new ArrayList<>(rooms.values());
        int members = nodeMembers.count();
        if (members > 0) {
            LOG.log(Level.INFO, "Going away: closing {0} members in {1} rooms with 1001", new Object[] {members, all.size()});
        }
        for (Room room : all) {
            room.closeAll(Peer.GOING_AWAY, "server shutting down");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (nodeMembers.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return members;
    }

    /** Members on this node now, all rooms together. */
    public int members() {
        return nodeMembers.count();
    }

    /** Closes every connection with 1001 (going away), stops eviction, flushes the store; the container is stopping. */
    @PreDestroy
    public void shutdown() {
        if (evictor != null) {
            evictor.shutdownNow();
        }
        drain(java.time.Duration.ZERO);
        store.flush();
        LOG.log(Level.INFO, "Store flushed");
    }

    /** The room, opened by this call or by the join already opening it. */
    private Room openOnce(RoomId id) {
        CompletableFuture<Room> mine = new CompletableFuture<>();
        CompletableFuture<Room> other = opening.putIfAbsent(id, mine);
        if (other != null) {
            try {
                return other.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Room room = rooms.get(id); // an opener that finished just before this one started
            if (room == null) {
                room = openRoom(id);
                rooms.put(id, room);
            }
            mine.complete(room);
            return room;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            opening.remove(id, mine);
        }
    }

    private Room openRoom(RoomId id) {
        Room room = new Room(id, settings, store, bus, nanoClock, events, nodeMembers);
        try {
            room.open();
        } catch (RuntimeException e) {
            room.abandon();
            throw e;
        }
        events.roomOpened(id);
        LOG.log(Level.INFO, "Opened room {0} (epoch {1}, seq {2})", new Object[] {id, room.epoch(), Long.toString(room.seq())});
        return room;
    }

    private void evictIdleSafely() {
        try {
            evictIdle();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Room eviction failed; will retry", e);
        }
    }
}
