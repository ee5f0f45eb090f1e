package org.inkroom.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Every frame the server sends: the seed's envelope {@code {"type","userId","data"}} plus the
 * additive {@code seq} (the room's sequence number of a stored operation). Null parts are omitted.
 */
@JsonbPropertyOrder({"type", "userId", "data", "seq"})
public record ServerMessage(String type, String userId, Object data, Long seq) {

    /** The whole canvas. */
    public static ServerMessage sync(String userId, String color, List<Element> elements, long seq, String epoch) {
        return new ServerMessage("sync", userId, new SyncData(elements, userId, color, seq, epoch, null, null, null), null);
    }

    /** This sync for a member with {@code role} ({@code "viewer"}; null, the default, for an editor). */
    public ServerMessage withRole(String role) {
        if (!(data instanceof SyncData d)) {
            throw new IllegalStateException("only a sync carries the receiver's role");
        }
        return new ServerMessage(type, userId,
                new SyncData(d.elements(), d.userId(), d.color(), d.seq(), d.epoch(), d.since(), d.erased(), role), seq);
    }

    /**
     * Only what a resuming client missed: the elements added or changed after {@code since} (to
     * replace or add) and the ids erased after it (to remove).
     */
    public static ServerMessage resume(String userId, String color, List<Element> changed, List<String> erased,
                                       long seq, String epoch, long since) {
        return new ServerMessage("sync", userId, new SyncData(changed, userId, color, seq, epoch, since, erased, null), null);
    }

    /** To the sender only: its operation is accepted and stored under {@code seq}. */
    public static ServerMessage ack(String elementId, String op, long seq) {
        return new ServerMessage("ack", null, new AckData(elementId, op, seq), null);
    }

    /** Points appended to a path (only the ones the receiver does not have). */
    public static ServerMessage update(String userId, String elementId, int from, double[][] points, long seq) {
        return new ServerMessage("update", userId, new UpdateData(elementId, from, points), seq);
    }

    public static ServerMessage erase(String userId, List<String> ids, long seq) {
        return new ServerMessage("erase", userId, new IdsData(ids), seq);
    }

    /** Restored elements travel whole: receivers may have dropped them when they were erased. */
    public static ServerMessage restore(String userId, List<Element> elements, long seq) {
        return new ServerMessage("restore", userId, new ElementsData(elements), seq);
    }

    public static ServerMessage draw(String userId, Element element, long seq) {
        return new ServerMessage("draw", userId, element, seq);
    }

    public static ServerMessage cursor(String userId, CursorData cursor) {
        return new ServerMessage("cursor", userId, cursor, null);
    }

    public static ServerMessage clear(String userId, long seq) {
        return new ServerMessage("clear", userId, null, seq);
    }

    public static ServerMessage join(String userId, String color) {
        return new ServerMessage("join", userId, new JoinData(color, null), null);
    }

    /** A join; {@code role} is {@code "viewer"} for a viewer, null for an editor. */
    public static ServerMessage join(String userId, String color, String role) {
        return new ServerMessage("join", userId, new JoinData(color, role), null);
    }

    public static ServerMessage leave(String userId) {
        return new ServerMessage("leave", userId, null, null);
    }

    public static ServerMessage userlist(List<UserInfo> users) {
        return new ServerMessage("userlist", null, users, null);
    }

    public static ServerMessage error(ErrorData error) {
        return new ServerMessage("error", null, error, null);
    }

    /**
     * {@code sync} body: the canvas in drawing order, the joiner's own id and colour, the room's seq
     * and epoch (which history that seq counts in). With {@code since} set, {@code elements} holds
     * only the ones after it and the client keeps the rest. {@code role} is {@code "viewer"} when the
     * joiner may only watch (absent for an editor).
     */
    @JsonbPropertyOrder({"elements", "userId", "color", "seq", "epoch", "since", "erased", "role"})
    public record SyncData(List<Element> elements, String userId, String color, long seq, String epoch, Long since,
                           List<String> erased, String role) { }

    /** {@code ack} body: the element id (draw, update) and/or the client's op label. */
    @JsonbPropertyOrder({"id", "op", "seq"})
    public record AckData(String id, String op, long seq) { }

    /** {@code update} body. */
    @JsonbPropertyOrder({"id", "from", "points"})
    public record UpdateData(String id, int from, double[][] points) { }

    /** {@code erase} body. */
    public record IdsData(List<String> ids) { }

    /** {@code restore} body. */
    public record ElementsData(List<Element> elements) { }

    /** {@code join} body ({@code role}: {@code "viewer"}, or absent for an editor). */
    @JsonbPropertyOrder({"color", "role"})
    public record JoinData(String color, String role) { }

    /** One entry of a {@code userlist} ({@code role}: {@code "viewer"}, or absent for an editor). */
    @JsonbPropertyOrder({"userId", "color", "role"})
    public record UserInfo(String userId, String color, String role) {
        public UserInfo(String userId, String color) {
            this(userId, color, null);
        }
    }
}
