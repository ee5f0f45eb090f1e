package org.inkroom.ops.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.room.Room;
import org.inkroom.room.RoomChannel;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomRegistry;

/**
 * The admin API (under {@code /admin/api}): rooms open on this node, one room's members, and the
 * three actions (close, clear, remove a member), each of which the room writes to the audit log.
 */
@Path("/rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResource.class.getName());

    @Inject
    RoomRegistry registry;

    @GET
    public AdminViews.RoomList rooms() {
        List<AdminViews.Room> rooms = registry.rooms().stream()
                .map(r -> AdminViews.Room.of(r.summary()))
                .sorted(Comparator.comparingLong(AdminViews.Room::lastActivityMillis).reversed()
                        .thenComparing(AdminViews.Room::room))
                .toList();
        return new AdminViews.RoomList(System.currentTimeMillis(), rooms);
    }

    @GET
    @Path("/{id}")
    public AdminViews.RoomDetail room(@PathParam("id") String id) {
        Room room = open(id);
        List<AdminViews.Member> members = room.memberInfos().stream().map(AdminViews.Member::of).toList();
        List<AdminViews.RemoteMember> remote = room.remoteMembers().entrySet().stream()
                .map(e -> new AdminViews.RemoteMember(e.getKey(), e.getValue().color()))
                .sorted(Comparator.comparing(AdminViews.RemoteMember::userId))
                .toList();
        return new AdminViews.RoomDetail(System.currentTimeMillis(), AdminViews.Room.of(room.summary()), members, remote);
    }

    /** Closes every member's connection here with 1001; their pages reconnect. */
    @POST
    @Path("/{id}/close")
    public AdminViews.Done close(@PathParam("id") String id) {
        Room room = open(id);
        int members = room.memberCount();
        room.closeByAdmin();
        return new AdminViews.Done("close", room.id().value(), members, null);
    }

    /** Clears the canvas for everyone in the room, on every node (a clear op by "admin"). */
    @POST
    @Path("/{id}/clear")
    public AdminViews.Done clear(@PathParam("id") String id) {
        Room room = open(id);
        try {
            room.clearByAdmin();
        } catch (RoomChannel.UnavailableException | CompletionException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (!(cause instanceof RoomChannel.UnavailableException)) {
                throw e;
            }
            LOG.log(Level.WARNING, "Admin clear of room {0} failed: the cluster bus is unavailable", room.id());
            throw problem(Response.Status.SERVICE_UNAVAILABLE, "cluster bus unavailable: nothing was cleared, try again");
        }
        return new AdminViews.Done("clear", room.id().value(), room.memberCount(), null);
    }

    /** Closes one member's connection here with 1008 (its page does not reconnect). */
    @DELETE
    @Path("/{id}/members/{userId}")
    public AdminViews.Done remove(@PathParam("id") String id, @PathParam("userId") String userId) {
        Room room = open(id);
        if (!room.removeByAdmin(userId)) {
            throw problem(Response.Status.NOT_FOUND, "no member with that id in room " + room.id() + " on this node");
        }
        return new AdminViews.Done("remove", room.id().value(), null, userId);
    }

    /** The room if it is open on this node: else 400 (not a room id) or 404. */
    private Room open(String id) {
        if (!RoomId.isValid(id)) {
            throw problem(Response.Status.BAD_REQUEST, "room id must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        return registry.room(new RoomId(id))
                .orElseThrow(() -> problem(Response.Status.NOT_FOUND, "room " + id + " is not open on this node"));
    }

    private static WebApplicationException problem(Response.Status status, String message) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new AdminViews.Problem(message)).build());
    }
}
