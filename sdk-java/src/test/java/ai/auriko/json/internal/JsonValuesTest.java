package ai.auriko.json.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.json.RawJson;
import ai.auriko.testing.Expect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  @Test
  void scalarsArePassedThrough() {
    Object[] scalars = {
      "s",
      true,
      1,
      2L,
      (short) 3,
      (byte) 4,
      BigInteger.TEN,
      new BigDecimal("1.50"),
      1.5d,
      2.5f,
      RawJson.of("{}")
    };
    for (Object v : scalars) assertSame(v, JsonValues.copyOf("x", v));
    assertNull(JsonValues.copyOf("x", null));
  }

  @Test
  void mapsAndListsAreCopiedDeeplyAndUnmodifiable() {
    List<Object> inner = new ArrayList<>(Arrays.asList(1, null, "two"));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", inner);
    nested.put("nil", null);
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("z", nested);
    source.put("a", new Object[] {"x", 2});
    source.put("set", new LinkedHashSet<>(Arrays.asList("p", "q")));

    Map<String, Object> copy = JsonValues.copyOfObject("extra_body", source);

    assertEquals(Arrays.asList("z", "a", "set"), new ArrayList<>(copy.keySet()), "order kept");
    assertEquals(Arrays.asList("x", 2), copy.get("a"), "arrays become lists");
    assertEquals(Arrays.asList("p", "q"), copy.get("set"), "collections become lists");
    Map<?, ?> nestedCopy = (Map<?, ?>) copy.get("z");
    assertTrue(nestedCopy.containsKey("nil"));
    assertNull(nestedCopy.get("nil"));

    inner.add("later");
    nested.put("added", 1);
    source.clear();
    assertEquals(Arrays.asList(1, null, "two"), nestedCopy.get("list"));
    assertEquals(2, nestedCopy.size());
    assertEquals(3, copy.size());

    assertThrows(UnsupportedOperationException.class, () -> copy.put("k", 1));
    assertThrows(UnsupportedOperationException.class, () -> nestedCopy.clear());
    List<?> listCopy = (List<?>) nestedCopy.get("list");
    assertThrows(UnsupportedOperationException.class, () -> listCopy.remove(0));
  }

  @Test
  void rejectsUnsupportedTypesNamingThePath() {
    Map<String, Object> source = new HashMap<>();
    source.put("bar", Arrays.asList(1, 2, new Date()));
    Expect.invalid(
        "extra_body.foo.bar[2]",
        () -> JsonValues.copyOf("extra_body.foo", source),
        "unsupported value type java.util.Date");
    Expect.invalid("x", () -> JsonValues.copyOf("x", new int[] {1}), "int[]");
    Expect.invalid("x", () -> JsonValues.copyOf("x", 'c'), "java.lang.Character");
    Expect.invalid(
        "x[0]",
        () -> JsonValues.copyOf("x", List.of(new java.util.concurrent.atomic.AtomicInteger())));
  }

  @Test
  void rejectsNonFiniteNumbers() {
    Expect.invalid("x.a", () -> JsonValues.copyOf("x", Map.of("a", Double.NaN)), "finite", "NaN");
    Expect.invalid(
        "x[0]", () -> JsonValues.copyOf("x", List.of(Float.POSITIVE_INFINITY)), "Infinity");
    Expect.invalid("x", () -> JsonValues.copyOf("x", Double.NEGATIVE_INFINITY), "-Infinity");
  }

  @Test
  void rejectsKeysThatAreNotStrings() {
    Map<Object, Object> intKey = new HashMap<>();
    intKey.put(1, "v");
    Expect.invalid(
        "x.m",
        () -> JsonValues.copyOf("x", Map.of("m", intKey)),
        "keys must be strings",
        "java.lang.Integer");
    Map<Object, Object> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    Expect.invalid("x", () -> JsonValues.copyOf("x", nullKey), "keys must be strings", "null");
  }

  @Test
  void rejectsSelfReferencingValues() {
    Map<String, Object> self = new HashMap<>();
    self.put("self", self);
    Expect.invalid("extra_body.loop", () -> JsonValues.copyOf("extra_body.loop", self), "128");
    List<Object> list = new ArrayList<>();
    list.add(list);
    Expect.invalid("x", () -> JsonValues.copyOf("x", list), "128");
  }

  @Test
  void depthLimitIs128() {
    JsonValues.copyOf("x", nestedLists(128));
    Expect.invalid("x", () -> JsonValues.copyOf("x", nestedLists(129)), "nesting deeper than 128");
  }

  @Test
  void bigNumberSubclassesBecomePlainClasses() {
    BigDecimal sub =
        new BigDecimal("1.25") {
          private static final long serialVersionUID = 1L;
        };
    Object copy = JsonValues.copyOf("x", sub);
    assertEquals(BigDecimal.class, copy.getClass());
    assertEquals(new BigDecimal("1.25"), copy);
  }

  @Test
  void copyOfObjectRejectsNull() {
    String param = "tools[].function.parameters";
    Expect.invalid(param, () -> JsonValues.copyOfObject(param, nullMap()), "must not be null");
  }

  private static Object nestedLists(int depth) {
    Object v = "leaf";
    for (int i = 0; i < depth; i++) v = List.of(v);
    return v;
  }

  // Breaks the non-null contract on purpose, as a Java caller can.
  private static Map<String, Object> nullMap() {
    return null;
  }
}
