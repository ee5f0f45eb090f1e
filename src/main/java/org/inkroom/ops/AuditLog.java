package org.inkroom.ops;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.room.RoomEvents;
import org.inkroom.room.RoomId;

/**
 * One INFO line on the {@code org.inkroom.audit} logger for every clear and every admin action:
 * what, which room, who, which node. Never a token or a secret (none reaches these events).
 */
public final class AuditLog implements RoomEvents {

    private static final Logger AUDIT = Logger.getLogger("org.inkroom.audit");

    private final String node;

    public AuditLog(String node) {
        this.node = node;
    }

    @Override
    public void cleared(RoomId room, String by) {
        AUDIT.log(Level.INFO, "audit action=clear room={0} user={1} node={2}", new Object[] {room, by, node});
    }

    @Override
    public void adminAction(String action, RoomId room, String detail) {
        AUDIT.log(Level.INFO, "audit action=admin-{0} room={1} detail={2} user=admin node={3}",
                new Object[] {action, room, detail == null ? "-" : detail, node});
    }
}
