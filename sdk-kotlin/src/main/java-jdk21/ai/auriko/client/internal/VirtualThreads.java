package ai.auriko.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement;

/**
 * Virtual threads where the runtime has them and they do not pin: an executor that starts a
 * virtual thread per task, on JDK 24 and later; {@code null} before JDK 24 and on Android.
 *
 * <p>Compiled as Java 11 bytecode against a stand-in for the one JDK 21 method it calls ({@code
 * src/jdk21-api}): the call is linked when first made, so an older runtime fails it with a {@link
 * LinkageError}, caught here, and no reflection is involved. Android reports no such Java version
 * and has no virtual threads.
 *
 * <p>Why 24: Ktor's OkHttp engine reads every response body with blocking calls, and OkHttp waits
 * for HTTP/2 data in {@code Object.wait()} inside {@code synchronized}; before JDK 24 (JEP 491) a
 * virtual thread waiting there pins its carrier, and the scheduler's 256 carriers would be the
 * limit on quiet HTTP/2 streams. From 24 on a waiting virtual thread releases its carrier, so ten
 * thousand open streams cost a few carrier threads instead of a thread each.
 */
@IgnoreJRERequirement
final class VirtualThreads {
  /** The first JDK on which a virtual thread waiting in a monitor releases its carrier. */
  static final int FIRST_UNPINNED_JDK = 24;

  private VirtualThreads() {}

  /**
   * A new virtual-thread-per-task executor, or {@code null} where virtual threads are missing or
   * would pin (before JDK {@value #FIRST_UNPINNED_JDK}). The caller owns it and shuts it down.
   *
   * @return the executor, or {@code null}
   */
  static ExecutorService executorOrNull() {
    if (javaFeatureVersion() < FIRST_UNPINNED_JDK) return null;
    try {
      return Executors.newVirtualThreadPerTaskExecutor();
    } catch (LinkageError e) {
      return null;
    }
  }

  /**
   * The running Java's feature version ("17", "25"), 0 where the property says otherwise (Android
   * reports "0.9"). Read from the property rather than {@code Runtime.version()}, which Android
   * lacks and R8 would report missing.
   */
  static int javaFeatureVersion() {
    String version = System.getProperty("java.specification.version", "");
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
