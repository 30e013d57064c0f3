package ai.auriko.apicheck;

import org.junit.jupiter.api.Test;

/**
 * The public API of sdk-testing is what api/sdk-testing.api, committed, says: a changed public
 * signature fails the build until the dump is updated deliberately (README, Contributing).
 */
class PublicApiTest {
  @Test
  void publicApiMatchesTheCommittedDump() {
    PublicApi.checkModule();
  }
}
