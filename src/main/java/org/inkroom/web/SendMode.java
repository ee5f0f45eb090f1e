package org.inkroom.web;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * How a receiver's outbox writes to its socket ({@code inkroom.send.mode}).
 *
 * <ul>
 *   <li>{@code async}: {@code getAsyncRemote().sendText} with a completion callback, one send in
 *       flight; the next starts from the callback.
 *   <li>{@code virtual}: while a receiver has frames waiting, one virtual thread writes them with the
 *       blocking {@code getBasicRemote().sendText}, then ends; no thread exists for an idle receiver.
 *       Needs Java 21; on Java 21-23 a write blocked inside a {@code synchronized} block pins its
 *       carrier thread, so {@code auto} picks it from Java 24 on (JEP 491).
 *   <li>{@code auto} (default): {@code virtual} on Java 24 and later, otherwise {@code async}.
 * </ul>
 */
public enum SendMode {
    ASYNC, VIRTUAL;

    /** Parses a configured value ({@code auto}, {@code async}, {@code virtual}) for this JVM. */
    static SendMode parse(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> Runtime.version().feature() >= 24 && VirtualThreads.FACTORY != null ? VIRTUAL : ASYNC;
            case "async" -> ASYNC;
            case "virtual" -> {
                if (VirtualThreads.FACTORY == null) {
                    throw new IllegalArgumentException("inkroom.send.mode=virtual needs Java 21 or later (this is "
                            + Runtime.version() + ")");
                }
                yield VIRTUAL;
            }
            default -> throw new IllegalArgumentException(
                    "inkroom.send.mode must be auto, async or virtual, not '" + value + "'");
        };
    }

    /**
     * Runs each drain on a new virtual thread. ({@link #parse} accepts {@code virtual} only where virtual
     * threads exist; the in-JVM tests also run this mode on Java 17, where each drain gets a new
     * platform thread: the same blocking code path, with heavier threads.)
     */
    static Executor drainer() {
        return VirtualThreads.EXECUTOR != null ? VirtualThreads.EXECUTOR : task -> {
            Thread t = new Thread(task, "inkroom-send");
            t.setDaemon(true);
            t.start();
        };
    }

    /** Looked up reflectively: the code is compiled for Java 17, where virtual threads do not exist. */
    private static final class VirtualThreads {
        static final ThreadFactory FACTORY = factory();
        static final Executor EXECUTOR = FACTORY == null ? null : task -> FACTORY.newThread(task).start();

        private static ThreadFactory factory() {
            try {
                Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
                builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, "inkroom-send-", 0L);
                return (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // before Java 21
            }
        }
    }
}
