package org.inkroom.floor;

import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/** One receiver: its socket and, for the queued modes, its queue with at most one writer at a time. */
final class Member {

    private final Session session;
    private final Sending mode;
    private final Executor drainer;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<String> queue = new ArrayDeque<>(); // guarded by lock
    private boolean writing; // guarded by lock

    Member(Session session, Sending mode) {
        this.session = session;
        this.mode = mode;
        this.drainer = mode == Sending.POOL ? Sending.POOL_EXECUTOR
                : mode == Sending.VIRTUAL ? Sending.VIRTUAL_EXECUTOR : null;
    }

    void send(String text) {
        if (mode == Sending.DIRECT) {
            lock.lock(); // a container may refuse a blocking write that overlaps another
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException | RuntimeException e) {
                drop();
            } finally {
                lock.unlock();
            }
            return;
        }
        lock.lock();
        try {
            queue.add(text);
            if (writing) {
                return;
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        if (mode == Sending.ASYNC) {
            sendNextAsync();
        } else {
            drainer.execute(this::drainBlocking);
        }
    }

    private String next() {
        lock.lock();
        try {
            String t = queue.poll();
            if (t == null) {
                writing = false;
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    private void drainBlocking() {
        for (String t = next(); t != null; t = next()) {
            try {
                session.getBasicRemote().sendText(t);
            } catch (IOException | RuntimeException e) {
                drop();
                return;
            }
        }
    }

    /** A loop, not recursion: some containers (WildFly) complete the send on the calling thread. */
    private void sendNextAsync() {
        while (true) {
            String t = next();
            if (t == null) {
                return;
            }
            java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
            try {
                session.getAsyncRemote().sendText(t, result -> {
                    if (!result.isOK()) {
                        drop();
                    } else if (!state.compareAndSet(0, 2)) {
                        sendNextAsync();
                    }
                });
            } catch (RuntimeException e) {
                drop();
                return;
            }
            if (state.compareAndSet(0, 1)) {
                return; // the callback continues
            }
        }
    }

    private void drop() {
        lock.lock();
        try {
            queue.clear();
        } finally {
            lock.unlock();
        }
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }
}
