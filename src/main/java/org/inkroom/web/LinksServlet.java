package org.inkroom.web;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.inkroom.access.Links;
import org.inkroom.protocol.Codec;
import org.inkroom.room.Role;
import org.inkroom.room.RoomId;

/**
 * The page's link API (README, "Links"):
 * <ul>
 * <li>{@code GET api/config}: {@code {"access":"open"|"links"}};
 * <li>{@code POST api/rooms}: a fresh room with an editor and a viewer token (links mode);
 * <li>{@code GET api/rooms/{room}/links} with {@code Authorization: Bearer <token>}: what that
 *     token grants, and the links its holder may share (an editor gets both, a viewer its own).
 * </ul>
 * Answers carry tokens, so none is cached; no token is ever logged.
 */
@WebServlet(urlPatterns = "/api/*")
public class LinksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private transient Gate gate;

    /** What a link grants and the tokens its holder may share; null parts are omitted. */
    @JsonbPropertyOrder({"room", "role", "editor", "viewer", "expires"})
    public record LinkSet(String room, String role, String editor, String viewer, Long expires) { }

    public record AccessMode(String access) { }

    public record Problem(String error) { }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Links links = gate.links();
        if (path.equals("/config")) {
            write(response, 200, new AccessMode(links.required() ? "links" : "open"));
            return;
        }
        if (!path.startsWith("/rooms/") || !path.endsWith("/links")) {
            write(response, 404, new Problem("no such resource"));
            return;
        }
        String room = path.substring("/rooms/".length(), path.length() - "/links".length());
        if (!RoomId.isValid(room)) {
            write(response, 400, new Problem("room id must be 1-64 characters of A-Z a-z 0-9 _ -"));
            return;
        }
        RoomId id = new RoomId(room);
        if (!links.required()) {
            write(response, 200, new LinkSet(room, Role.EDITOR.wireName(), null, null, null));
            return;
        }
        String auth = request.getHeader("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        Links.Check check = links.check(id, token, System.currentTimeMillis() / 1000);
        if (check instanceof Links.Refused refused) {
            write(response, refused.status(), new Problem(refused.reason()));
            return;
        }
        var granted = ((Links.Granted) check).capability();
        long expires = granted.expiresAt();
        String viewer = links.mint(id, Role.VIEWER, expires);
        if (granted.role() == Role.VIEWER) {
            write(response, 200, new LinkSet(room, Role.VIEWER.wireName(), null, viewer, expires == 0 ? null : expires));
        } else {
            write(response, 200, new LinkSet(room, Role.EDITOR.wireName(), token, viewer, expires == 0 ? null : expires));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.equals("/rooms")) {
            write(response, 404, new Problem("no such resource"));
            return;
        }
        Links links = gate.links();
        RoomId room = new RoomId(randomRoomId());
        if (!links.required()) {
            write(response, 201, new LinkSet(room.value(), Role.EDITOR.wireName(), null, null, null));
            return;
        }
        long expires = links.expiryFrom(System.currentTimeMillis() / 1000);
        write(response, 201, new LinkSet(room.value(), Role.EDITOR.wireName(), links.mint(room, Role.EDITOR, expires),
                links.mint(room, Role.VIEWER, expires), expires == 0 ? null : expires));
    }

    /** A room code meant to be read out: consonant-vowel syllables, e.g. {@code kavo-tebu-rimo} (as the page makes them). */
    static String randomRoomId() {
        String consonants = "bdfgjkmnprstvwz";
        String vowels = "aeiou";
        StringBuilder id = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            if (group > 0) {
                id.append('-');
            }
            for (int syllable = 0; syllable < 2; syllable++) {
                id.append(consonants.charAt(RANDOM.nextInt(consonants.length())));
                id.append(vowels.charAt(RANDOM.nextInt(vowels.length())));
            }
        }
        return id.toString();
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(Codec.toJson(body).getBytes(StandardCharsets.UTF_8));
    }
}
