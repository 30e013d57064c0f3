package ai.auriko.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.testing.Fixtures;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
  @Test
  void typedAccessorsReadTheBasicFixturesHeaders() {
    Fixtures.Case basic =
        Fixtures.all().stream()
            .filter(c -> c.name.equals("auriko-basic"))
            .findFirst()
            .orElseThrow(AssertionError::new);
    Map<?, ?> expected = (Map<?, ?>) basic.expect().get("headers");
    ResponseHeaders h = basic.headers();
    assertEquals(expected.get("request_id"), h.requestId());
    assertEquals(
        Long.valueOf(String.valueOf(expected.get("rate_limit_remaining"))), h.rateLimitRemaining());
    assertEquals(
        Long.valueOf(String.valueOf(expected.get("rate_limit_limit"))), h.rateLimitLimit());
    assertEquals(expected.get("rate_limit_reset"), h.rateLimitReset());
    assertEquals(
        Long.valueOf(String.valueOf(expected.get("credits_balance_microdollars"))),
        h.creditsBalanceMicrodollars());
    assertEquals(expected.get("provider_used"), h.providerUsed());
    assertEquals(expected.get("routing_strategy"), h.routingStrategy());
  }

  @Test
  void lookupIsCaseInsensitiveAndKeepsEveryValue() {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put("X-Request-ID", Collections.singletonList("r1"));
    raw.put("set-cookie", Arrays.asList("a=1", "b=2"));
    raw.put("Set-Cookie", Collections.singletonList("c=3"));
    ResponseHeaders h = ResponseHeaders.of(raw);
    assertEquals("r1", h.get("x-request-id"));
    assertEquals("r1", h.requestId());
    assertEquals(Arrays.asList("a=1", "b=2", "c=3"), h.values("SET-COOKIE"));
    assertEquals(Collections.emptyList(), h.values("missing"));
    assertNull(h.get("missing"));
    assertEquals(2, h.names().size());
    assertThrows(UnsupportedOperationException.class, () -> h.values("set-cookie").add("d"));
  }

  @Test
  void malformedNumbersReadAsAbsent() {
    for (String bad :
        new String[] {
          "", " ", "abc", "1.5", "12x", "0x10", "99999999999999999999", "-", "+", "1 2"
        }) {
      ResponseHeaders h =
          ResponseHeaders.builder()
              .add(ResponseHeaders.RATE_LIMIT_REMAINING_REQUESTS, bad)
              .add(ResponseHeaders.CREDITS_BALANCE_MICRODOLLARS, bad)
              .build();
      assertNull(h.rateLimitRemaining(), "'" + bad + "'");
      assertNull(h.creditsBalanceMicrodollars(), "'" + bad + "'");
    }
    ResponseHeaders ok =
        ResponseHeaders.builder()
            .add(ResponseHeaders.CREDITS_BALANCE_MICRODOLLARS, " -1500 ")
            .add(ResponseHeaders.RATE_LIMIT_REMAINING_TOKENS, "9223372036854775807")
            .add(ResponseHeaders.RATE_LIMIT_LIMIT_TOKENS, "+10")
            .build();
    assertEquals(
        -1500L, ok.creditsBalanceMicrodollars(), "an overdrawn balance is negative, not malformed");
    assertEquals(Long.MAX_VALUE, ok.rateLimitRemainingTokens());
    assertEquals(10L, ok.rateLimitLimitTokens());
    assertNull(ok.rateLimitRemaining());
  }

  @Test
  void toStringRedactsCredentials() {
    ResponseHeaders h =
        ResponseHeaders.builder()
            .add("Authorization", "Bearer sk-secret-123")
            .add("x-api-key", "sk-secret-123")
            .add("Set-Cookie", "session=sk-secret-123")
            .add("x-request-id", "r1")
            .build();
    String s = h.toString();
    assertFalse(s.contains("sk-secret-123"), s);
    assertTrue(s.contains("x-request-id=r1"), s);
    assertTrue(ResponseHeaders.isSensitive("API-KEY"));
    assertFalse(ResponseHeaders.isSensitive("x-request-id"));
  }

  @Test
  void equalityIgnoresNameCase() {
    ResponseHeaders a = ResponseHeaders.builder().add("X-A", "1").build();
    ResponseHeaders b = ResponseHeaders.builder().add("x-a", "1").build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertTrue(ResponseHeaders.empty().isEmpty());
    assertEquals(ResponseHeaders.empty(), ResponseHeaders.builder().build());
  }
}
