package ai.auriko.apicheck;

import org.junit.jupiter.api.Test;

/**
 * The public API of sdk-kotlin is what api/sdk-kotlin.api, committed, says: a changed public
 * signature fails the build until the dump is updated deliberately (README, Contributing).
 */
class PublicApiTest {
  @Test
  void publicApiMatchesTheCommittedDump() {
    PublicApi.checkModule();
  }
}
