package org.inkroom.room;

import java.time.Duration;
import org.inkroom.config.Config;

/** Limits and timings of rooms; see the README's configuration table for each setting. */
public record RoomSettings(int maxElements, int maxMembers, Duration idleEviction, Duration evictionCheck) {

    public RoomSettings {
        if (maxElements < 1 || maxMembers < 1) {
            throw new IllegalArgumentException("room limits must be positive");
        }
        if (idleEviction.isNegative() || evictionCheck.isNegative() || evictionCheck.isZero()) {
            throw new IllegalArgumentException("eviction times must be positive");
        }
    }

    public static RoomSettings defaults() {
        return new RoomSettings(200_000, 2_000, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    /** The settings as configured ({@code inkroom.room.*}), defaults where unset. */
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
                idle, check);
    }
}
