package ai.auriko.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.testing.Expect;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenEnumsTest {

  @Test
  void optimizeKnownValuesResolveToConstants() {
    assertSame(Optimize.COST, Optimize.of("cost"));
    List<String> wire =
        Arrays.asList(
            "cost",
            "cost-focus",
            "ttft",
            "ttft-focus",
            "tps",
            "tps-focus",
            "balanced",
            "cheapest",
            "speed",
            "throughput");
    assertEquals(
        wire, Optimize.values().stream().map(Optimize::value).collect(Collectors.toList()));
    for (Optimize o : Optimize.values()) {
      assertSame(o, Optimize.of(o.value()));
      assertTrue(o.isKnown());
      assertEquals(o.value(), o.toString());
    }
    assertThrows(UnsupportedOperationException.class, () -> Optimize.values().clear());
  }

  @Test
  void optimizeUnknownValuesArePassedThrough() {
    Optimize o = Optimize.of("brand-new");
    assertEquals("brand-new", o.value());
    assertEquals("brand-new", o.toString());
    assertFalse(o.isKnown());
    assertEquals(Optimize.of("brand-new"), o);
    assertEquals(Optimize.of("brand-new").hashCode(), o.hashCode());
    assertNotSame(Optimize.COST, Optimize.of("COST"), "matching is case-sensitive");
    assertFalse(Optimize.of("COST").isKnown());
  }

  @Test
  void blankValuesAreRejected() {
    Expect.invalid("gateway.routing.optimize", () -> Optimize.of(" "), "blank");
    Expect.invalid("gateway.routing.mode", () -> RoutingMode.of(""), "blank");
    Expect.invalid("gateway.routing.data_policy", () -> DataPolicy.of("\t"), "blank");
  }

  @Test
  void routingMode() {
    assertSame(RoutingMode.POOL, RoutingMode.of("pool"));
    assertSame(RoutingMode.FALLBACK, RoutingMode.of("fallback"));
    assertEquals(Arrays.asList(RoutingMode.POOL, RoutingMode.FALLBACK), RoutingMode.values());
    RoutingMode m = RoutingMode.of("sticky");
    assertFalse(m.isKnown());
    assertEquals("sticky", m.value());
    assertEquals(RoutingMode.of("sticky"), m);
  }

  @Test
  void dataPolicyHasTheDocumentedConstantsAndKeepsAnyOtherValue() {
    assertSame(DataPolicy.NONE, DataPolicy.of("none"));
    assertSame(DataPolicy.NO_TRAINING, DataPolicy.of("no_training"));
    assertSame(DataPolicy.ZDR, DataPolicy.of("zdr"));
    assertEquals(
        Arrays.asList(DataPolicy.NONE, DataPolicy.NO_TRAINING, DataPolicy.ZDR),
        DataPolicy.values());
    assertTrue(DataPolicy.ZDR.isKnown());
    assertEquals("no_training", DataPolicy.NO_TRAINING.value());
    DataPolicy p = DataPolicy.of("no-training");
    assertEquals("no-training", p.value());
    assertEquals("no-training", p.toString());
    assertFalse(p.isKnown());
    assertEquals(DataPolicy.of("no-training"), p);
    assertEquals(DataPolicy.of("no-training").hashCode(), p.hashCode());
    assertNotSame(DataPolicy.ZDR, DataPolicy.of("ZDR"), "matching is case-sensitive");
  }
}
