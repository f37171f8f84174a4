package dev.skillwright.browser;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Temporary wall-time profile. */
public final class TmpProf {
  static final Map<String, LongAdder[]> M = new ConcurrentHashMap<>();

  static {
    if (System.getenv("SW_PROF") != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        M.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1].sum(),
            a.getValue()[1].sum())).forEach(e -> System.err.printf("PROF %6d ms %4d x %6.1f  %s%n",
            e.getValue()[1].sum() / 1000000, e.getValue()[0].sum(),
            e.getValue()[1].sum() / 1e6 / e.getValue()[0].sum(), e.getKey()));
      }));
    }
  }

  public static void add(String k, long nanos) {
    LongAdder[] a = M.computeIfAbsent(k, x -> new LongAdder[] {new LongAdder(), new LongAdder()});
    a[0].increment();
    a[1].add(nanos);
  }

  private TmpProf() {}
}
