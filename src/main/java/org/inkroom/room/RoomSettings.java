package org.inkroom.room;

import java.time.Duration;
import org.inkroom.config.Config;

/**
 * Limits and timings of rooms; see the README's configuration table for each setting.
 *
 * @param maxRooms       rooms open on this node at once; a join that would open one more is closed with 1013
 * @param maxNodeMembers members on this node at once (all rooms); a further join is closed with 1013
 * @param sendLimits     what one connection may send and how often
 */
public record RoomSettings(int maxElements, int maxMembers, Duration idleEviction, Duration evictionCheck,
                           int maxRooms, int maxNodeMembers, SendLimits sendLimits) {

    public RoomSettings {
        if (maxElements < 1 || maxMembers < 1 || maxRooms < 1 || maxNodeMembers < 1) {
            throw new IllegalArgumentException("room limits must be positive");
        }
        if (idleEviction.isNegative() || evictionCheck.isNegative() || evictionCheck.isZero()) {
            throw new IllegalArgumentException("eviction times must be positive");
        }
        if (sendLimits == null) {
            throw new IllegalArgumentException("send limits are required");
        }
    }

    /** Room limits with the default node caps and send limits. */
    public RoomSettings(int maxElements, int maxMembers, Duration idleEviction, Duration evictionCheck) {
        this(maxElements, maxMembers, idleEviction, evictionCheck, DEFAULT_MAX_ROOMS, DEFAULT_MAX_NODE_MEMBERS,
                SendLimits.defaults());
    }

    static final int DEFAULT_MAX_ROOMS = 10_000;
    static final int DEFAULT_MAX_NODE_MEMBERS = 20_000;

    public static RoomSettings defaults() {
        return new RoomSettings(200_000, 2_000, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    public RoomSettings withSendLimits(SendLimits limits) {
        return new RoomSettings(maxElements, maxMembers, idleEviction, evictionCheck, maxRooms, maxNodeMembers, limits);
    }

    public RoomSettings withNodeCaps(int rooms, int nodeMembers) {
        return new RoomSettings(maxElements, maxMembers, idleEviction, evictionCheck, rooms, nodeMembers, sendLimits);
    }

    /** The settings as configured ({@code inkroom.room.*}, {@code inkroom.node.*}, {@code inkroom.limit.*}), defaults where unset. */
    public static RoomSettings fromConfig() {
        RoomSettings d = defaults();
        Duration idle = Duration.ofSeconds(Config.number("inkroom.room.idle.seconds", d.idleEviction().toSeconds(), 0, 86_400 * 7));
        // Check a few times per idle period so a room outlives its idle time by at most ~1/4 of it.
        Duration check = idle.dividedBy(4);
        if (check.compareTo(Duration.ofSeconds(1)) < 0) {
            check = Duration.ofSeconds(1);
        } else if (check.compareTo(d.evictionCheck()) > 0) {
            check = d.evictionCheck();
        }
        return new RoomSettings(
                (int) Config.number("inkroom.room.max.elements", d.maxElements(), 1, 10_000_000),
                (int) Config.number("inkroom.room.max.members", d.maxMembers(), 1, 100_000),
                idle, check,
                (int) Config.number("inkroom.node.max.rooms", d.maxRooms(), 1, 10_000_000),
                (int) Config.number("inkroom.node.max.members", d.maxNodeMembers(), 1, 10_000_000),
                SendLimits.fromConfig());
    }
}
