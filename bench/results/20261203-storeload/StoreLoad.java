package org.inkroom.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.Element;
import org.inkroom.room.Op;
import org.inkroom.room.RoomId;

public class StoreLoad {
    public static void main(String[] a) throws Exception {
        int rate = Integer.parseInt(a[0]);
        int seconds = Integer.parseInt(a[1]);
        int rooms = 200;
        Path dir = Files.createTempDirectory("storeload");
        DriverDataSource ds = new DriverDataSource("jdbc:h2:file:" + dir.resolve("inkroom") + ";WRITE_DELAY=0", "", "", 8);
        JdbcCanvasStore store = new JdbcCanvasStore(ds);
        RoomId[] ids = new RoomId[rooms];
        long[] seqs = new long[rooms];
        for (int r = 0; r < rooms; r++) { ids[r] = new RoomId("bench-" + r); store.load(ids[r]); }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long writerId = -1;
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals("inkroom-store-writer")) writerId = t.getId();
        long start = System.nanoTime();
        long k = 0;
        long lastReport = start; long lastCpu = mx.getThreadCpuTime(writerId);
        long lastMaint = GroupedOps.maintainNanos; var os=(com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean(); long lastProc=os.getProcessCpuTime(); long mainId=Thread.currentThread().getId(); long lastMain=mx.getThreadCpuTime(mainId); long sumW=0, sumO=0, n=0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = start + k * 1_000_000_000L / rate;
            long now = System.nanoTime();
            if (due > now) { Thread.sleep(Math.max(0, (due - now) / 1_000_000), (int) ((due - now) % 1_000_000)); continue; }
            int r = (int) (k % rooms);
            Element e = new Element("b" + now + "_0_" + k, "line", 1.0*(k%1000), 2.0, 6.0, 7.0, null, null, null, "#112233", 2.0, "u" + (k % 10) + "-abcdef12", null);
            store.append(ids[r], ++seqs[r], new Op.Draw(e, Codec.toJson(e)));
            store.whenDurable(() -> { });
            k++;
            if (now - lastReport >= 10_000_000_000L) {
                long cpu = mx.getThreadCpuTime(writerId);
                long m = GroupedOps.maintainNanos;
                long size = 0; try (var s = Files.list(dir)) { for (Path p : (Iterable<Path>) s::iterator) size += Files.size(p); }
                long proc=os.getProcessCpuTime(), mn=mx.getThreadCpuTime(mainId); double other=100.0*((proc-lastProc)-(mn-lastMain)-(cpu-lastCpu))/(now-lastReport); lastProc=proc; lastMain=mn; if ((now-start)/1_000_000_000L > 20) { sumW += cpu-lastCpu; sumO += (long)(other*1e8); n++; }
                System.out.printf("t=%3ds other(H2 bg, gc, jit) %.1f%% writer %.1f%% of a core, fold wall %.1f%%, db %d KB, queued %d%n",
                        (now - start) / 1_000_000_000L, other, 100.0 * (cpu - lastCpu) / (now - lastReport),
                        100.0 * (m - lastMaint) / (now - lastReport), size / 1024, store.queued());
                lastReport = now; lastCpu = cpu; lastMaint = m;
            }
        }
        System.out.printf("MEAN after 20s: writer %.1f%% other %.1f%%%n", 100.0*sumW/(n*1e10), sumO/(n*1e8));
        store.close();
    }
}
