package ai.auriko.client.internal

import ai.auriko.client.testing.SecretEncodings
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain

/**
 * The one redaction step finds a secret in every form a server echoes it in — raw, every JSON
 * escaping, URL-encoded, HTML-escaped, case-folded — masks exactly the occurrence (the text around
 * it stays), and leaves text without the secret alone.
 */
class SecretPatternSpec :
    FunSpec({
        val keys =
            listOf(
                "sk-plain-0123456789abcdef",
                "sk-ab/cd+ef=gh/ij+kl==",
                "sk-q\"uo\\te\\\"x-1234",
                "sk-with space+plus&amp;100%",
                "q7Z",
                "sk-ключ-é-密钥-\uD83D\uDE00-99",
            )
        for (key in keys) {
            test("every encoded form of '$key' is masked whole, the text around it kept") {
                val redactor = Redactor(key)
                for ((name, form) in SecretEncodings.forms(key)) {
                    withClue(name) {
                        redactor.text("before $form after") shouldBe "before ██ after"
                        // Inside a JSON string: the raw body's form, once decoded, is masked too.
                        val json = kotlinx.serialization.json.JsonPrimitive(form).toString()
                        redactor.text("{\"m\":$json}") shouldNotContain form
                    }
                }
            }
        }

        test("text without the secret is returned as it is, the same instance") {
            val redactor = Redactor("sk-plain-0123456789abcdef")
            val text = "nothing \\u0073k here %73 &#115; sk-plain-01234 SK-PLAIN"
            (redactor.text(text) === text) shouldBe true
        }

        test("a 1-character key is masked wherever it appears, in either case") {
            Redactor("x").text("max X y") shouldBe "ma██ ██ y"
        }

        test("a sensitive default header is masked as a header and as echoed text") {
            val redactor =
                Redactor(
                    listOf("sk-key-000000", "Token tenant-secret-1"),
                    Redactor.DEFAULT_SENSITIVE_HEADERS + "x-tenant-token",
                )
            redactor.header("X-Tenant-Token", "anything") shouldBe "██"
            redactor.text("echo tenant%2Dsecret%2D1") shouldBe "echo ██"
        }

        test(
            "a cause chain quoting the key is copied with the message redacted and the trace kept"
        ) {
            val key = "sk-cause-0123456789"
            val inner =
                IllegalArgumentException("Unexpected char 0x200b at 26 in x-api-key value: $key")
            val outer = java.io.IOException("wrapped", inner)
            val redacted = Redactor(key).cause(outer)
            val trace = redacted.stackTraceToString()
            trace shouldNotContain key
            redacted.cause!!.toString() shouldBe
                "java.lang.IllegalArgumentException: Unexpected char 0x200b at 26 in x-api-key value: ██"
            redacted.cause!!.stackTrace.toList() shouldBe inner.stackTrace.toList()
            val clean = java.io.IOException("fine")
            (Redactor(key).cause(clean) === clean) shouldBe true
        }
    })
