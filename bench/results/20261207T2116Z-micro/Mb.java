import java.lang.management.ManagementFactory;
import org.inkroom.protocol.*;

/** Session 49: ns and bytes per seed line's decode + owned + element encode + envelope, this build's classes. */
public class Mb {
    public static void main(String[] a) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 12; round++) {
            int n = 500_000;
            long b0 = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int x = i % 1000, y = i / 1000 % 1000;
                String frame = "{\"type\":\"draw\",\"data\":{\"id\":\"b12345678901234_3_" + i + "\",\"elementType\":\"line\",\"x1\":" + x
                        + ",\"y1\":" + y + ",\"x2\":" + (x + 5) + ",\"y2\":" + (y + 5) + ",\"strokeColor\":\"#112233\",\"strokeWidth\":2}}";
                Inbound in = Codec.decode(frame, 65536);
                Element e = ((ClientMessage.Draw) in).data().owned("u-1a2b3c4d");
                String json = Codec.toJson(e);
                String text = Codec.encodeWithData(ServerMessage.draw("u-1a2b3c4d", null, i), json);
                sink += text.length();
            }
            long t1 = System.nanoTime();
            long b1 = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            if (round >= 4) System.out.printf("round %d: %.0f ns, %d bytes per message (frame text included)%n", round, (t1 - t0) / (double) n, (b1 - b0) / n);
        }
        System.out.println(sink);
    }
}
