package ai.auriko.client.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain

/**
 * The base URL is read by the SDK's own parser: hosts `java.net.URI` cannot read (an underscore)
 * are hosts all the same, and every rejection names the part that is wrong without the URL.
 */
class ConfigChecksSpec :
    FunSpec({
        test("hosts, ports and paths are read as the engines read them") {
            ConfigChecks.parseBaseUrl("http://my_gateway:8080/v1").host shouldBe "my_gateway"
            ConfigChecks.parseBaseUrl("http://my_gateway:8080/v1").port shouldBe 8080
            ConfigChecks.parseBaseUrl("https://API.Example.com/v1").host shouldBe "api.example.com"
            ConfigChecks.parseBaseUrl("http://[::1]:9/v1").host shouldBe "::1"
            ConfigChecks.parseBaseUrl("https://x.test").path shouldBe ""
            InsecureBaseUrl.hostOf("http://compose_service/v1") shouldBe "compose_service"
        }

        test("the insecure-URL warning names a host java.net.URI cannot read") {
            java.net.URI("http://my_gateway:8080/v1").host shouldBe null
            val warnings = ArrayList<String>()
            InsecureBaseUrl.warnIfInsecure("http://my_gateway:8080/v1") { warnings += it }
            warnings.single() shouldContain "unencrypted to my_gateway"
            InsecureBaseUrl.warnIfInsecure("http://localhost:8080/v1") { warnings += it }
            InsecureBaseUrl.warnIfInsecure("http://[::1]:8080/v1") { warnings += it }
            warnings.size shouldBe 1
        }

        val secret = "s3cr3t-VALUE"
        for ((url, part) in
            listOf(
                "https://user:$secret@host.test/v1" to "user information",
                "https://$secret@host.test/v1" to "user information",
                "ftp://host.test/$secret" to "http:// or https://",
                "https://host.test:$secret/v1" to "port",
                "https://host.test:70000/v1" to "port",
                "https://ho st.test/$secret" to "host",
                "https://host.test/v1?key=$secret" to "query",
                "https://host.test/v1#$secret" to "fragment",
                "https://host.test/v1/$secret\u200b" to "path",
                "https:///$secret" to "no host",
            )) {
            test("'$url' is rejected naming the $part, not the value") {
                val e = shouldThrow<IllegalArgumentException> { ConfigChecks.parseBaseUrl(url) }
                e.message!! shouldContain part
                e.message!! shouldNotContain secret
            }
        }

        test("header values an engine would reject are named, never shown") {
            ConfigChecks.valueProblem("Bearer sk-fine\t~") shouldBe null
            ConfigChecks.valueProblem("sk-zero\u200bwidth")!! shouldContain "non-ASCII"
            ConfigChecks.valueProblem("sk-line\nbreak")!! shouldContain "control character"
            val e =
                shouldThrow<IllegalArgumentException> {
                    ConfigChecks.checkHeader("default header", "x-api-key", "$secret\u00a0")
                }
            e.message!! shouldContain "'x-api-key'"
            e.message!! shouldNotContain secret
            val name =
                shouldThrow<IllegalArgumentException> {
                    ConfigChecks.checkHeader("default header", "x: $secret", "v")
                }
            name.message!! shouldNotContain secret
        }
    })
