import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;

/** Sums jdk.PromoteObjectInNewPLAB / OutsidePLAB by class (and age, tenured) between two instants. */
public class Promo {
    public static void main(String[] a) throws Exception {
        Instant from = a.length > 1 ? Instant.parse(a[1]) : Instant.MIN;
        Instant to = a.length > 2 ? Instant.parse(a[2]) : Instant.MAX;
        Map<String, long[]> byClass = new HashMap<>();
        Map<Long, long[]> byGc = new TreeMap<>();
        long total = 0;
        try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                String n = e.getEventType().getName();
                if (!n.startsWith("jdk.PromoteObject")) continue;
                Instant t = e.getStartTime();
                if (t.isBefore(from) || t.isAfter(to)) continue;
                RecordedClass c = e.getValue("objectClass");
                // InNewPLAB fires once per new PLAB, for the object that opened it: it stands for the PLAB's bytes
                long size = n.endsWith("InNewPLAB") ? e.getLong("plabSize") : e.getLong("objectSize");
                boolean tenured = e.getBoolean("tenured");
                int age = e.getInt("tenuringAge");
                String k = (c == null ? "?" : c.getName()) + (tenured ? " ->old" : " ->surv") ;
                long[] v = byClass.computeIfAbsent(k, x -> new long[2]);
                v[0]++; v[1] += size; total += size;
                long gcId = e.getLong("gcId");
                long[] g = byGc.computeIfAbsent(gcId, x -> new long[3]);
                g[0] += size; if (tenured) g[1] += size; else g[2] += size;
            }
        }
        final long all = total;
        System.out.printf("total %.1f MB over %d GCs%n", total / 1e6, byGc.size());
        byClass.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(40)
            .forEach(en -> System.out.printf("%8.2f MB %5.1f%% %9d  %s%n", en.getValue()[1] / 1e6, 100.0 * en.getValue()[1] / all, en.getValue()[0], en.getKey()));
        System.out.println("per GC (MB total / to old / to survivor):");
        byGc.forEach((id, g) -> System.out.printf("  gc %d: %.1f / %.1f / %.1f%n", id, g[0] / 1e6, g[1] / 1e6, g[2] / 1e6));
    }
}
