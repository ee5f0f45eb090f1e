package org.inkroom.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Polite closes, counted: {@code rooms x members} plain clients join, then say goodbye with a close
 * frame {@code batch} at a time ({@link Ws#closeAll}), each waiting up to 10 s for the server's close.
 * Prints the closes the server never answered (the benchmark's {@code close_forced}), with their room and member.
 *
 * <pre>java -cp bench/target/inkroom-bench.jar org.inkroom.bench.CloseProbe PORT ROOMS MEMBERS BATCH</pre>
 */
public final class CloseProbe {

    private CloseProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CloseProbe PORT ROOMS MEMBERS BATCH   e.g. CloseProbe 9080 200 10 50");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int rooms = Integer.parseInt(args[1]);
        int members = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        try (Ws ws = new Ws(new int[] {port}, 2, "")) {
            List<Ws.Spec> specs = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                for (int m = 0; m < members; m++) {
                    specs.add(new Ws.Spec("close" + run + "r" + r, "u" + m, 0));
                }
            }
            List<Ws.Conn> conns = ws.connectAll(specs, 64, 120_000);
            long synced = conns.stream().filter(c -> c.synced.isDone() && !c.synced.isCompletedExceptionally()).count();
            ws.settle(500, 10_000); // join and userlist traffic over
            long t0 = System.nanoTime();
            int unanswered = Ws.closeAll(conns, batch, n -> System.out.println("unanswered: room " + n / members
                    + " member " + n % members + " (close code seen " + conns.get(n).closeCode + ")"));
            System.out.printf("synced %d of %d; closes unanswered within 10 s: %d; closing took %.1f s%n",
                    synced, specs.size(), unanswered, (System.nanoTime() - t0) / 1e9);
        }
    }
}
