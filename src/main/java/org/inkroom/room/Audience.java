package org.inkroom.room;

import java.util.List;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.ErrorData;
import org.inkroom.protocol.ServerMessage;

/** What a room does with its array of members (queue a frame, start the I/O, close the slow, find one), and frame helpers. */
final class Audience {

    private Audience() { }

    static void offer(Member to, Frame frame, List<Peer> slow) {
        if (!to.peer().offer(frame)) {
            slow.add(to.peer());
        }
    }

    /** Receivers whose queue overflowed, closed outside the lock with 1013; their endpoint then leaves the room. */
    static void closeSlow(List<Peer> slow, RoomEvents events) {
        for (Peer p : slow) {
            events.receiverClosed(Peer.TRY_AGAIN_LATER);
            p.close(Peer.TRY_AGAIN_LATER, "receiver too slow: operation queue overflowed, reconnect to resync");
        }
    }

    static void flush(Member[] audience) {
        for (Member m : audience) {
            m.peer().flush();
        }
    }

    static int indexOf(Member[] in, Member m) {
        for (int i = 0; i < in.length; i++) {
            if (in[i] == m) {
                return i;
            }
        }
        return -1;
    }

    static Frame errorFrame(String code, String message, String op) {
        return Frame.of(Codec.encode(ServerMessage.error(new ErrorData(code, message, op))));
    }

    static String typeOf(ClientMessage message) {
        if (message instanceof ClientMessage.Draw) {
            return "draw";
        } else if (message instanceof ClientMessage.Cursor) {
            return "cursor";
        } else if (message instanceof ClientMessage.Update) {
            return "update";
        } else if (message instanceof ClientMessage.Erase) {
            return "erase";
        } else if (message instanceof ClientMessage.Restore) {
            return "restore";
        }
        return "clear";
    }
}
