package ai.auriko.client.internal.chat

import com.code_intelligence.jazzer.api.FuzzedDataProvider
import com.code_intelligence.jazzer.junit.FuzzTest

/**
 * Fuzzes the chunk scanner against kotlinx.serialization with Jazzer: for any text, the scanner
 * either declines or gives a chunk with every field kotlinx.serialization gives; accepting a text
 * kotlinx.serialization rejects, or reading one differently, is a finding.
 *
 * In the normal test run this replays the inputs in `ChunkScannerFuzzTestInputs`; `mvn verify` also
 * fuzzes it for a fixed budget (`fuzz.duration`), and `-Pfuzz` for longer.
 */
class ChunkScannerFuzzTest {
    @FuzzTest(maxDuration = "15s")
    fun scannerAgreesWithKotlinxSerialization(data: FuzzedDataProvider) {
        // Two chunks through one scanner: the second may reuse the first one's strings.
        val first = data.consumeString(400)
        val second = data.consumeRemainingAsString()
        for (text in listOf(first, second)) {
            val fast = scanner.scan(text) ?: continue
            val general =
                checkNotNull(ChunkTexts.general(text)) {
                    "the scanner accepted what kotlinx.serialization rejects: $text"
                }
            check(ChunkTexts.fields(fast) == ChunkTexts.fields(general)) {
                "the scanner read differently: $text"
            }
        }
    }

    private companion object {
        val scanner = ChunkScanner()
    }
}
