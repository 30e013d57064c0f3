package ai.auriko.apicheck;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kotlin.sequences.SequencesKt;
import kotlinx.validation.api.ClassBinarySignature;
import kotlinx.validation.api.KotlinSignaturesLoadingKt;

/**
 * The public API of a module, as Kotlin's binary-compatibility-validator dumps it (the format of
 * the {@code .api} files that kotlinx.coroutines, Ktor and OkHttp commit): every class, method and
 * field a Java caller can reach, with Kotlin visibility applied (internal declarations, synthetic
 * classes and {@code *.internal} packages are not API). A module's {@code PublicApiTest} compares
 * its compiled classes with the dump committed in its {@code api/} folder, so {@code mvn verify}
 * fails on any change to a public signature until the dump is updated, deliberately, with {@code
 * -Dauriko.api.update=true} (README, "Contributing").
 */
public final class PublicApi {
  /** Surefire passes these (root pom). */
  static final String CLASSES = "auriko.api.classes";

  static final String DUMP = "auriko.api.dump";
  static final String UPDATE = "auriko.api.update";

  private PublicApi() {}

  /**
   * Checks the module under test: its classes ({@code auriko.api.classes}) against its dump ({@code
   * auriko.api.dump}); rewrites the dump instead when {@code auriko.api.update} is true.
   *
   * @throws AssertionError naming every difference, as a unified diff, when they differ
   */
  public static void checkModule() {
    Path classes = Paths.get(required(CLASSES));
    Path dump = Paths.get(required(DUMP));
    check(classes, dump, Boolean.parseBoolean(System.getProperty(UPDATE, "false")));
  }

  /**
   * Compares the dump of {@code classes} with {@code dumpFile}, or writes it there when {@code
   * update} is set.
   *
   * @param classes a compiled classes directory
   * @param dumpFile the committed dump
   * @param update write the dump instead of comparing
   */
  public static void check(Path classes, Path dumpFile, boolean update) {
    String actual = dump(classes);
    try {
      if (update) {
        Files.createDirectories(dumpFile.getParent());
        Files.write(dumpFile, actual.getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!Files.isRegularFile(dumpFile)) {
        throw new AssertionError(
            "no public-API dump at "
                + dumpFile
                + "; write it with -D"
                + UPDATE
                + "=true (README, Contributing)");
      }
      String expected = new String(Files.readAllBytes(dumpFile), StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        List<String> before = Arrays.asList(expected.split("\n", -1));
        List<String> after = Arrays.asList(actual.split("\n", -1));
        List<String> diff =
            UnifiedDiffUtils.generateUnifiedDiff(
                "committed " + dumpFile.getFileName(),
                "compiled classes",
                before,
                DiffUtils.diff(before, after),
                2);
        throw new AssertionError(
            "The public API differs from its committed dump "
                + dumpFile
                + ".\nIf the change is deliberate, update the dump with -D"
                + UPDATE
                + "=true (README, Contributing) and commit it with the change.\n"
                + String.join("\n", diff));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The dump of a classes directory: binary-compatibility-validator's loading, its public filter
   * with every {@code internal} package and every {@code @InternalAurikoApi} declaration left out,
   * and its text format.
   *
   * @param classes a compiled classes directory
   * @return the dump text
   */
  public static String dump(Path classes) {
    return dumpOf(classes);
  }

  /**
   * The marker of declarations left out of the dump: {@code ai.auriko.errors.InternalAurikoApi}.
   */
  public static final String INTERNAL_MARKER = "ai/auriko/errors/InternalAurikoApi";

  private static String dumpOf(Path classes) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files =
          walk.filter(p -> p.toString().endsWith(".class"))
              .filter(p -> !p.getFileName().toString().equals("module-info.class"))
              .sorted()
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> internalPackages = new TreeSet<>();
    for (Path file : files) {
      Path pkg = classes.relativize(file).getParent();
      if (pkg == null) continue;
      String name = pkg.toString().replace(java.io.File.separatorChar, '.');
      if (("." + name + ".").contains(".internal.")) internalPackages.add(name);
    }
    List<InputStream> streams = new ArrayList<>();
    try {
      for (Path file : files) streams.add(Files.newInputStream(file));
      Iterator<InputStream> it = streams.iterator();
      List<ClassBinarySignature> api =
          KotlinSignaturesLoadingKt.loadApiFromJvmClasses(SequencesKt.asSequence(it), n -> true);
      // Declarations marked @InternalAurikoApi are public only to cross a module boundary.
      List<ClassBinarySignature> visible =
          KotlinSignaturesLoadingKt.filterOutAnnotated(
              KotlinSignaturesLoadingKt.filterOutNonPublic(api, internalPackages, List.of()),
              Set.of(INTERNAL_MARKER));
      return KotlinSignaturesLoadingKt.dump(visible, new StringBuilder()).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (InputStream s : streams) {
        try {
          s.close();
        } catch (IOException ignored) {
          // read-only files of a classes directory
        }
      }
    }
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run this test through Maven");
    }
    return value;
  }
}
