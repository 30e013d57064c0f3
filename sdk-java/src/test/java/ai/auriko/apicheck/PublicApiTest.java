package ai.auriko.apicheck;

import org.junit.jupiter.api.Test;

/**
 * The public API of sdk-java is what api/sdk-java.api, committed, says: a changed public signature
 * fails the build until the dump is updated deliberately (README, Contributing).
 */
class PublicApiTest {
  @Test
  void publicApiMatchesTheCommittedDump() {
    PublicApi.checkModule();
  }
}
