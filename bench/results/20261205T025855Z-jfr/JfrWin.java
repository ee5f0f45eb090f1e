import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

/** JfrWin file fromISO toISO binMs : what each thread group did in a window. */
public class JfrWin {
    static String group(String n) {
        if (n == null) return "?";
        n = n.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N");
        return n;
    }
    public static void main(String[] a) throws Exception {
        Instant from = Instant.parse(a[1]), to = Instant.parse(a[2]);
        long bin = Long.parseLong(a[3]);
        int nb = (int) ((to.toEpochMilli() - from.toEpochMilli()) / bin) + 1;
        Map<String, int[]> samples = new TreeMap<>();
        Map<String, int[]> native_ = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        Map<String, double[]> waits = new TreeMap<>();
        try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                Instant s = e.getStartTime(), en = e.getEndTime();
                if (en.isBefore(from) || s.isAfter(to)) continue;
                String t = e.getEventType().getName();
                switch (t) {
                    case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> {
                        RecordedThread th = e.getThread("sampledThread");
                        String g = group(th == null ? null : th.getJavaName());
                        int b = (int) ((s.toEpochMilli() - from.toEpochMilli()) / bin);
                        if (b >= 0 && b < nb) (t.equals("jdk.ExecutionSample") ? samples : native_).computeIfAbsent(g, k -> new int[nb])[b]++;
                    }
                    case "jdk.GCPhasePause", "jdk.SafepointBegin", "jdk.GarbageCollection" -> {
                        lines.add(s + " " + t + " " + e.getDuration().toMillis() + " ms " + (e.hasField("name") ? e.getValue("name") : ""));
                    }
                    case "jdk.ThreadPark", "jdk.JavaMonitorWait", "jdk.JavaMonitorEnter", "jdk.ThreadSleep", "jdk.SocketRead", "jdk.SocketWrite" -> {
                        if (e.getDuration().toMillis() >= 5) {
                            RecordedThread th = e.getThread();
                            String g = group(th == null ? null : th.getJavaName());
                            String top = "";
                            RecordedStackTrace st = e.getStackTrace();
                            if (st != null) {
                                for (RecordedFrame fr : st.getFrames()) {
                                    String m = fr.getMethod().getType().getName();
                                    if (m.startsWith("java.") || m.startsWith("jdk.") || m.startsWith("sun.")) continue;
                                    top = m.substring(m.lastIndexOf('.') + 1) + "." + fr.getMethod().getName();
                                    break;
                                }
                            }
                            // overlap with window
                            Instant os = s.isBefore(from) ? from : s, oe = en.isAfter(to) ? to : en;
                            waits.computeIfAbsent(t.substring(4) + " " + g + " " + top, k -> new double[2]);
                            double[] w = waits.get(t.substring(4) + " " + g + " " + top);
                            w[0] += Duration.between(os, oe).toNanos() / 1e9; w[1]++;
                        }
                    }
                    default -> {}
                }
            }
        }
        Collections.sort(lines);
        lines.forEach(System.out::println);
        System.out.println("-- Java samples per " + bin + " ms from " + from);
        samples.forEach((g, v) -> { int sum = Arrays.stream(v).sum(); if (sum >= 3) System.out.printf("%-40s %s%n", g, Arrays.toString(v)); });
        System.out.println("-- native samples");
        native_.forEach((g, v) -> { int sum = Arrays.stream(v).sum(); if (sum >= 3) System.out.printf("%-40s %s%n", g, Arrays.toString(v)); });
        System.out.println("-- waits >= 5 ms overlapping (thread-s, count)");
        waits.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0])).limit(25)
            .forEach(x -> System.out.printf("%7.3f %5.0f %s%n", x.getValue()[0], x.getValue()[1], x.getKey()));
    }
}
