package org.inkroom.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.inkroom.room.Role;
import org.inkroom.room.RoomId;
import org.junit.jupiter.api.Test;

class LinksTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final RoomId ROOM = new RoomId("kavo-tebu");
    private static final long NOW = 1_800_000_000L;
    private final Links links = new Links(AccessSettings.links(SECRET, Duration.ofDays(30)));

    private Capability granted(Links.Check check) {
        return assertInstanceOf(Links.Granted.class, check).capability();
    }

    private Links.Refused refused(Links.Check check) {
        return assertInstanceOf(Links.Refused.class, check);
    }

    @Test
    void anEditorAndAViewerTokenGrantTheirRoleForTheirRoom() {
        String editor = links.mint(ROOM, Role.EDITOR, NOW + 60);
        String viewer = links.mint(ROOM, Role.VIEWER, 0);
        assertEquals(new Capability(ROOM, Role.EDITOR, NOW + 60), granted(links.check(ROOM, editor, NOW)));
        assertEquals(new Capability(ROOM, Role.VIEWER, 0), granted(links.check(ROOM, viewer, NOW + 1_000_000_000)));
        assertTrue(editor.startsWith("e.") && viewer.startsWith("v.0."), editor + " " + viewer);
    }

    @Test
    void expiredOtherRoomTamperedAndMissingTokensAreRefused() {
        String editor = links.mint(ROOM, Role.EDITOR, NOW + 60);
        Links.Refused expired = refused(links.check(ROOM, editor, NOW + 60));
        assertEquals(403, expired.status());
        assertEquals("link expired", expired.reason());
        assertEquals(403, refused(links.check(new RoomId("other"), editor, NOW)).status());
        assertEquals(401, refused(links.check(ROOM, null, NOW)).status());
        assertEquals(401, refused(links.check(ROOM, "", NOW)).status());
        assertEquals(403, refused(links.check(ROOM, "garbage", NOW)).status());
        // Each part altered: the role, the expiry, one character of the signature.
        String viewer = links.mint(ROOM, Role.VIEWER, NOW + 60);
        assertEquals(403, refused(links.check(ROOM, "e" + viewer.substring(1), NOW)).status(), "a viewer token cannot be made an editor's");
        assertEquals(403, refused(links.check(ROOM, editor.replace("." + (NOW + 60) + ".", "." + (NOW + 6000) + "."), NOW)).status());
        char last = editor.charAt(editor.length() - 1);
        assertEquals(403, refused(links.check(ROOM, editor.substring(0, editor.length() - 1) + (last == 'A' ? 'B' : 'A'), NOW)).status());
    }

    @Test
    void aTokenFromAnotherSecretIsRefusedAndRotationKeepsOldLinksValid() {
        Links other = new Links(AccessSettings.links("another-secret-of-at-least-32-chars!!", Duration.ZERO));
        String foreign = other.mint(ROOM, Role.EDITOR, 0);
        assertEquals(403, refused(links.check(ROOM, foreign, NOW)).status());
        Links rotated = new Links(AccessSettings.links("a-brand-new-secret-of-32-characters-x," + SECRET, Duration.ZERO));
        assertEquals(Role.EDITOR, granted(rotated.check(ROOM, links.mint(ROOM, Role.EDITOR, 0), NOW)).role(), "old links still open");
        String fresh = rotated.mint(ROOM, Role.EDITOR, 0);
        assertNotEquals(links.mint(ROOM, Role.EDITOR, 0), fresh, "new links are signed with the first secret");
        assertEquals(403, refused(links.check(ROOM, fresh, NOW)).status());
    }

    /** The format as README and SECURITY.md give it, computed here independently: an embedding app can mint links. */
    @Test
    void theDocumentedFormatIsWhatTheServerAccepts() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(("inkroom-link-v1:" + ROOM.value() + ":v:" + (NOW + 3600)).getBytes(StandardCharsets.UTF_8)));
        String token = "v." + (NOW + 3600) + "." + sig;
        assertEquals(new Capability(ROOM, Role.VIEWER, NOW + 3600), granted(links.check(ROOM, token, NOW)));
        assertEquals(token, links.mint(ROOM, Role.VIEWER, NOW + 3600));
    }

    @Test
    void shortSecretsAndLinksWithoutASecretAreRefusedAtStartUp() {
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                () -> AccessSettings.links("too-short", Duration.ZERO));
        assertTrue(shortOne.getMessage().contains("inkroom.link.secret") && !shortOne.getMessage().contains("too-short"),
                "names the setting, never echoes the secret: " + shortOne.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AccessSettings.links("", Duration.ZERO));
    }
}
