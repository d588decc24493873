package io.github.concurrent4j.bench.asyncio;
import java.lang.management.ManagementFactory;
public final class Probe { public static void main(String[] a) throws Exception {
  var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  for (int i = 0; i < Integer.parseInt(a[0]); i++) {
    long c0 = os.getProcessCpuTime(); long t0 = System.nanoTime();
    double r = switch (a[1]) { case "green" -> CoroutineBench.greenTasks(); case "asyncio" -> CoroutineBench.asyncioTasks(); case "gpp" -> CoroutineBench.greenPingPong(); default -> CoroutineBench.asyncioPingPong(); };
    long c1 = os.getProcessCpuTime(); long t1 = System.nanoTime();
    System.out.printf("%s %.0f/s  cpu/wall %.2f  cpu-rate %.0f/s%n", a[1], r, (c1 - c0) / (double) (t1 - t0), r * (t1 - t0) / (double) (c1 - c0));
  } } }
