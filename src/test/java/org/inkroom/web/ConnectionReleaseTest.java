package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session that is neither Undertow's nor Tyrus's (Liberty's, here a stand-in) gets no release and
 * keeps its send timeout; it is not touched. (LimitsIT shows the release at work on WildFly and Payara:
 * a reader that never reads again loses its connection.)
 */
class ConnectionReleaseTest {

    @Test
    void aSessionOfAnotherServerGetsNoReleaseAndIsNotTouched() {
        List<String> called = new ArrayList<>();
        Session other = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    called.add(method.getName());
                    return null;
                });
        assertNull(ConnectionRelease.handleOf(other));
        assertNull(ConnectionRelease.of(other, null));
        assertFalse(ConnectionRelease.replacesSendTimeout(other));
        assertEquals(List.of(), called);
    }
}
