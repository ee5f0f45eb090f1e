package org.inkroom.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.inkroom.room.Role;
import org.inkroom.room.RoomId;

/**
 * Makes and checks capability tokens. The format (v1, see SECURITY.md) is
 * {@code <role>.<expires>.<signature>}: {@code role} is {@code e} (editor) or {@code v} (viewer),
 * {@code expires} Unix seconds in decimal ({@code 0}: never), and {@code signature} the unpadded
 * base64url HMAC-SHA256, keyed with the secret, of {@code inkroom-link-v1:<room>:<role>:<expires>}.
 * The room is signed but not repeated (it is in the link's path), so a token works for its own room
 * only; a viewer token says nothing about the editor token of its room (HMAC).
 *
 * <p>Why not a JWT: one algorithm, three fields and no header to negotiate means nothing to get
 * wrong ({@code alg: none}, key confusion), no dependency, and a token short enough for a link.
 * Any language's HMAC makes one (README, "Links"). Thread-safe.
 */
public final class Links {

    /** The outcome of checking a token. */
    public sealed interface Check permits Granted, Refused { }

    public record Granted(Capability capability) implements Check { }

    /**
     * @param status the HTTP status a handshake gets: 401 (no token) or 403 (a token that does not grant this room)
     */
    public record Refused(int status, String reason) implements Check { }

    private static final Pattern SHAPE = Pattern.compile("([ev])\\.(0|[1-9][0-9]{0,11})\\.([A-Za-z0-9_-]{43})");

    private final AccessSettings settings;

    public Links(AccessSettings settings) {
        this.settings = settings;
    }

    public boolean required() {
        return settings.linksRequired();
    }

    /** A token for {@code room} and {@code role}, signed with the first secret. */
    public String mint(RoomId room, Role role, long expiresAt) {
        if (settings.secrets().isEmpty()) {
            throw new IllegalStateException("no inkroom.link.secret configured");
        }
        String r = role == Role.VIEWER ? "v" : "e";
        return r + "." + expiresAt + "." + sign(settings.secrets().get(0), room, r, expiresAt);
    }

    /** When a link minted now expires (0: never). */
    public long expiryFrom(long nowSeconds) {
        long lifetime = settings.linkLifetime().toSeconds();
        return lifetime == 0 ? 0 : nowSeconds + lifetime;
    }

    /** What {@code token} (null when the link had none) grants for {@code room} at {@code nowSeconds}. */
    public Check check(RoomId room, String token, long nowSeconds) {
        if (token == null || token.isEmpty()) {
            return new Refused(401, "this room needs a link with a token");
        }
        var m = SHAPE.matcher(token);
        if (!m.matches() || settings.secrets().isEmpty()) {
            return new Refused(403, "invalid link");
        }
        String r = m.group(1);
        long expires = Long.parseLong(m.group(2));
        byte[] given = m.group(3).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (byte[] secret : settings.secrets()) {
            // Every secret is tried (no early exit), each compared in constant time.
            valid |= MessageDigest.isEqual(given, sign(secret, room, r, expires).getBytes(StandardCharsets.US_ASCII));
        }
        if (!valid) {
            return new Refused(403, "invalid link (not for this room, or altered)");
        }
        if (expires != 0 && nowSeconds >= expires) {
            return new Refused(403, "link expired");
        }
        return new Granted(new Capability(room, "v".equals(r) ? Role.VIEWER : Role.EDITOR, expires));
    }

    private static String sign(byte[] secret, RoomId room, String role, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal(("inkroom-link-v1:" + room.value() + ":" + role + ":" + expires)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
