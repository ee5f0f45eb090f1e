package org.inkroom.ops.admin;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.inkroom.room.MemberInfo;
import org.inkroom.room.RoomSummary;

/** The admin API's JSON bodies (JSON-B; absent values are omitted). */
public final class AdminViews {

    private AdminViews() { }

    /** {@code GET /rooms}: the rooms open on this node, most recently active first; {@code serverTime} to age them by. */
    @JsonbPropertyOrder({"serverTime", "rooms"})
    public record RoomList(long serverTime, List<Room> rooms) { }

    /** One room: members here and on other nodes, live elements, numbering, last change (epoch millis), approximate size. */
    @JsonbPropertyOrder({"room", "members", "remoteMembers", "elements", "seq", "epoch", "lastActivityMillis", "approximateBytes"})
    public record Room(String room, int members, int remoteMembers, int elements, long seq, String epoch,
                       long lastActivityMillis, long approximateBytes) {

        static Room of(RoomSummary s) {
            return new Room(s.room(), s.members(), s.remoteMembers(), s.elements(), s.seq(), s.epoch(),
                    s.lastActivityMillis(), s.approximateBytes());
        }
    }

    /** {@code GET /rooms/{id}}: the room, its members on this node and those on other nodes. */
    @JsonbPropertyOrder({"serverTime", "room", "members", "remoteMembers"})
    public record RoomDetail(long serverTime, Room room, List<Member> members, List<RemoteMember> remoteMembers) { }

    /** A member on this node: where it connects from and how many frames wait to be sent to it. */
    @JsonbPropertyOrder({"userId", "color", "address", "queued"})
    public record Member(String userId, String color, String address, int queued) {

        static Member of(MemberInfo m) {
            return new Member(m.userId(), m.color(), m.address(), m.queued());
        }
    }

    /** A member connected to another node of the cluster. */
    @JsonbPropertyOrder({"userId", "color"})
    public record RemoteMember(String userId, String color) { }

    /** What an action did: {@code members} the room had here, {@code userId} whom it removed. */
    @JsonbPropertyOrder({"action", "room", "members", "userId"})
    public record Done(String action, String room, Integer members, String userId) { }

    /** Every refusal and failure. */
    public record Problem(String error) { }
}
