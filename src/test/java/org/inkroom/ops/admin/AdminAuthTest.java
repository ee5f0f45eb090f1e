package org.inkroom.ops.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The admin API's access rules, without a container (the filter only turns a decision into a response). */
class AdminAuthTest {

    private static final String TOKEN = "s3cret-admin-token-0123";
    private static final String HOST = "board.example.com:8443";

    private final AdminAuth auth = new AdminAuth(AdminSettings.of(TOKEN));

    @Test
    void withNoTokenConfiguredEveryCallIsRefusedWith403AndTheReason() {
        AdminAuth off = new AdminAuth(AdminSettings.of(""));
        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            for (String authorization : new String[] {null, "Bearer ", "Bearer anything-at-all-here", "Bearer " + TOKEN}) {
                AdminAuth.Decision d = off.check(method, authorization, null, HOST);
                assertEquals(403, d.status(), method + " " + authorization);
                assertEquals("admin console disabled: set inkroom.admin.token", d.error());
                assertFalse(d.challenge(), "no login prompt: there is nothing to log in to");
            }
        }
    }

    @Test
    void aMissingOrWrongCredentialIs401WithABearerChallenge() {
        for (String authorization : new String[] {null, "", "Bearer", "Bearer ", "Bearer wrong-token-wrong-token",
                "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(0, 16), "Basic " + TOKEN, TOKEN,
                "Bearer " + TOKEN.toUpperCase()}) {
            AdminAuth.Decision d = auth.check("GET", authorization, null, HOST);
            assertEquals(401, d.status(), "Authorization: " + authorization);
            assertTrue(d.challenge());
            assertFalse(d.error().contains(TOKEN), "the answer never echoes a token");
        }
    }

    @Test
    void theRightCredentialIsAccepted() {
        for (String authorization : new String[] {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER  " + TOKEN + " "}) {
            for (String method : new String[] {"GET", "POST", "DELETE", "HEAD"}) {
                assertTrue(auth.check(method, authorization, null, HOST).allowed(), method + " " + authorization);
            }
        }
    }

    @Test
    void aStateChangingCallFromAnotherOriginIsRefusedEvenWithTheToken() {
        String bearer = "Bearer " + TOKEN;
        for (String origin : new String[] {"https://evil.example", "https://board.example.com", "https://board.example.com:9443",
                "http://board.example.com.evil.example:8443", "null", "not a url", "file://board.example.com:8443"}) {
            for (String method : new String[] {"POST", "DELETE", "PUT"}) {
                AdminAuth.Decision d = auth.check(method, bearer, origin, HOST);
                assertEquals(403, d.status(), method + " from " + origin);
                assertEquals(AdminAuth.CROSS_SITE, d.error());
            }
        }
        // Reading is not refused for the Origin alone: a cross-site page cannot read the answer, and cannot send the header.
        assertTrue(auth.check("GET", bearer, "https://evil.example", HOST).allowed());
    }

    @Test
    void theServersOwnPageMayChangeThings() {
        String bearer = "Bearer " + TOKEN;
        assertTrue(auth.check("POST", bearer, "https://board.example.com:8443", HOST).allowed());
        assertTrue(auth.check("DELETE", bearer, "HTTPS://Board.Example.com:8443", HOST).allowed());
        assertTrue(auth.check("POST", bearer, "http://localhost", "localhost:80").allowed(), "default port on one side");
        assertTrue(auth.check("POST", bearer, "https://localhost:443", "localhost").allowed());
        assertTrue(auth.check("POST", bearer, "http://127.0.0.1:9080", "127.0.0.1:9080").allowed());
        assertTrue(auth.check("POST", bearer, "http://[::1]:9080", "[::1]:9080").allowed());
        assertTrue(auth.check("POST", bearer, null, HOST).allowed(), "no Origin: not a browser (curl, scripts)");
        assertFalse(auth.check("POST", bearer, "http://localhost:9080", null).allowed(), "no Host to compare with");
    }

    @Test
    void aCrossSiteCallWithoutTheTokenIsRefusedAsCrossSite() {
        assertEquals(403, auth.check("POST", null, "https://evil.example", HOST).status());
    }

    @Test
    void bearerCredentialsAreReadFromTheHeader() {
        assertEquals("abc", AdminAuth.bearer("Bearer abc"));
        assertEquals("abc", AdminAuth.bearer("  bearer   abc  "));
        assertEquals(null, AdminAuth.bearer("Bearerabc"));
        assertEquals(null, AdminAuth.bearer("Basic abc"));
        assertEquals(null, AdminAuth.bearer(null));
    }
}
