/*
 * A compile-time stand-in for one method of the JDK 21 API, so that the build, which runs on JDK 17,
 * can compile VirtualThreads.java (sdk-kotlin/pom.xml, execution "jdk21-api-compile": javac
 * --patch-module java.base=src/jdk21-api -implicit:none). It is never compiled into the SDK: only
 * the call's signature is taken from it, and at run time the real JDK's method is called.
 */
package java.util.concurrent;

/** Stand-in for {@code java.util.concurrent.Executors} of JDK 21: only the method the SDK calls. */
public class Executors {
  private Executors() {}

  /**
   * {@code Executors.newVirtualThreadPerTaskExecutor()}, JDK 21+.
   *
   * @return never: a compile-time stand-in
   */
  public static ExecutorService newVirtualThreadPerTaskExecutor() {
    throw new UnsupportedOperationException("compile-time stand-in");
  }
}
