package org.inkroom.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose outside requirement (a service, a browser) is missing, with the reason, unless
 * the build runs with {@code -Dinkroom.requireAll=true} (as CI does): then the skip is a failure.
 */
public final class Requirements {

    private Requirements() { }

    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (Boolean.getBoolean("inkroom.requireAll")) {
            fail(what + " is required (inkroom.requireAll=true) but not available");
        }
        Assumptions.assumeTrue(false, what + " is not available; skipping");
    }
}
