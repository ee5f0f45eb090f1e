package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Off Open Liberty the releases find nothing: they touch nothing, throw nothing, and the stuck-write
 * release stops being scheduled at all. (On Liberty, DeployedIT's crowd test shows them at work.)
 */
class LibertyWriteReleaseTest {

    @Test
    void aSessionOfAnotherServerIsLeftAloneAndTurnsTheReleaseOff() {
        List<String> called = new ArrayList<>();
        Session other = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    called.add(method.getName());
                    return method.getName().equals("getId") ? "s1" : null;
                });
        assertDoesNotThrow(() -> LibertyWriteRelease.afterFailedWrite(other));
        assertDoesNotThrow(() -> LibertyWriteRelease.releaseStuckWrites(other));
        assertFalse(LibertyWriteRelease.mayApply(), "no stuck-write release is scheduled on this server from now on");
        assertFalse(called.contains("close"), "the session itself is not touched: " + called);
    }
}
