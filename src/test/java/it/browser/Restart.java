package it.browser;

import it.LibertyProcess;
import java.util.Map;

/**
 * Restarts the Liberty the build started (same installation and port) with other settings, e.g.
 * capability links on ({@code INKROOM_ACCESS=links} and a known secret), and back to its defaults.
 */
final class Restart {

    static final int PORT = LibertyProcess.PORT;
    /** The test's link secret: long and random enough for any HMAC key rule. */
    static final String SECRET = "browser-test-link-secret-0123456789abcdef-0123456789abcdef";

    private Restart() { }

    static void withLinks() throws Exception {
        with(Map.of("INKROOM_ACCESS", "links", "INKROOM_LINK_SECRET", SECRET));
    }

    static void withDefaults() throws Exception {
        with(Map.of());
    }

    /** Stops the server and starts it with these variables (INKROOM_* names) only. */
    static void with(Map<String, String> env) throws Exception {
        LibertyProcess.stop();
        LibertyProcess.start(env);
        changed = !env.isEmpty();
    }

    /** After a class that restarted the server with other settings: back to the defaults. */
    static void backToDefaultsIfChanged() throws Exception {
        if (changed) {
            withDefaults();
        }
    }

    private static boolean changed;
}
