package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendModeTest {

    @Test
    void parsesEveryModeAndRejectsOthers() {
        assertEquals(SendMode.AUTO, SendMode.parse("auto"));
        assertEquals(SendMode.AUTO, SendMode.parse(null));
        assertEquals(SendMode.ASYNC, SendMode.parse("async"));
        assertEquals(SendMode.POOL, SendMode.parse(" Pool "));
        assertThrows(IllegalArgumentException.class, () -> SendMode.parse("turbo"));
    }

    @Test
    void autoPicksPerServerAndJdkAndNeverVirtualThreadsBeforeJava24() {
        for (SendMode.Server server : SendMode.Server.values()) {
            assertTrue(SendMode.auto(server, 17, false) != SendMode.VIRTUAL, server + " on 17");
            assertTrue(SendMode.auto(server, 21, true) != SendMode.VIRTUAL, server + " on 21 (pinning)");
            assertTrue(SendMode.auto(server, 25, true) != SendMode.AUTO, server + " on 25");
        }
        assertEquals(SendMode.ASYNC, SendMode.ASYNC.resolve(SendMode.Server.LIBERTY), "an explicit mode stays");
    }

    @Test
    void theServerIsToldByTheSessionClass() {
        assertEquals(SendMode.Server.OTHER, SendMode.Server.of(new Object()));
    }

    @Test
    void thePoolHasTwoWritersPerCoreUnlessTheSettingSaysOtherwise() {
        int perDefault = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        String before = System.getProperty("inkroom.send.pool.threads");
        try {
            System.clearProperty("inkroom.send.pool.threads");
            assertEquals(perDefault, SendPool.configuredThreads());
            System.setProperty("inkroom.send.pool.threads", "6");
            assertEquals(6, SendPool.configuredThreads());
            System.setProperty("inkroom.send.pool.threads", "0");
            assertThrows(IllegalArgumentException.class, SendPool::configuredThreads, "below 1 is refused, not clamped");
        } finally {
            if (before == null) {
                System.clearProperty("inkroom.send.pool.threads");
            } else {
                System.setProperty("inkroom.send.pool.threads", before);
            }
        }
    }

    @Test
    void thePoolAddsWritersWhenEveryWriterIsStuckAndDrainsWhatWaits() throws Exception {
        SendPool pool = new SendPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        try {
            // Two writes that never finish (stalled readers) hold both writers.
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            pool.execute(ran::countDown); // another receiver's drain
            assertTrue(ran.await(30, TimeUnit.SECONDS), "a third writer served the waiting drain");
            assertTrue(pool.threads() > 2);
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }
}
