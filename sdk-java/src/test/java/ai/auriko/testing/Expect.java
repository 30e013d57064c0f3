package ai.auriko.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.errors.InvalidRequestException;
import org.junit.jupiter.api.function.Executable;

/** Assertions for client-side validation failures. */
public final class Expect {
  private Expect() {}

  /**
   * Asserts that {@code call} throws {@link InvalidRequestException} for {@code param}, with a
   * message containing every fragment (the field name, the limit, the offending value or size).
   */
  public static InvalidRequestException invalid(
      String param, Executable call, String... fragments) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, call);
    assertEquals(param, e.param(), () -> "param of: " + e.getMessage());
    assertEquals(0, e.statusCode());
    String message = e.getMessage();
    assertTrue(message.contains(param), () -> "message lacks the param " + param + ": " + message);
    for (String f : fragments) {
      assertTrue(message.contains(f), () -> "message lacks \"" + f + "\": " + message);
    }
    return e;
  }
}
