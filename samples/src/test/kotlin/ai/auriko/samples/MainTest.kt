package ai.auriko.samples

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.ByteArrayOutputStream
import java.io.PrintStream

class MainTest {
    @Test
    fun `main prints the streamed answer and the gateway's usage and routing`() {
        val out = ByteArrayOutputStream()
        val saved = System.out
        System.setOut(PrintStream(out, true, "UTF-8"))
        try {
            main(emptyArray())
        } finally {
            System.setOut(saved)
        }
        val text = out.toString("UTF-8")
        assertTrue(text.contains("assistant> Hello!\n"), text)
        assertTrue(text.contains("events=7 comments=0 done=true incomplete=false"), text)
        assertTrue(text.contains("provider=openai cost=$0.00015"), text)
        assertTrue(text.contains("usage: 8 prompt + 2 completion = 10 tokens"), text)
    }

    @Test
    fun `replay gives the same answer for every split of the recording`() {
        val bytes = javaClass.classLoader.getResourceAsStream("recordings/auriko-basic.sse")!!.readBytes()
        repeat(50) { seed ->
            val text = StringBuilder()
            val summary = replay(bytes, kotlin.random.Random(seed)) { text.append(it) }
            assertEquals("Hello!", text.toString())
            assertTrue(summary.startsWith("events=7 "), summary)
        }
    }
}
