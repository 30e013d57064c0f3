package ai.auriko.client.internal

import ai.auriko.client.AurikoClient
import ai.auriko.client.logging.AurikoLogger
import ai.auriko.client.requestOptions
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope

/**
 * The per-call credentials of [Redactor.withSecrets] and how [CallSettings] derives them: redacted
 * while any call holding them runs (overlapping calls of one tenant included), forgotten after the
 * last, whatever their length.
 */
class RedactorSecretsSpec :
    FunSpec({
        val clientKey = "sk-client-0000000000"
        val tenant = "sk-tenant-1111111111"

        test("a per-call secret is masked while its call runs, whole header value and bare token") {
            val redactor = Redactor(clientKey)
            redactor.withSecrets(listOf("Bearer $tenant", tenant)) {
                redactor.text("a Bearer $tenant b $tenant c $clientKey") shouldBe "a ██ b ██ c ██"
            }
            redactor.text("a $tenant") shouldBe "a $tenant"
            redactor.text("a $clientKey") shouldBe "a ██"
        }

        test("overlapping calls with the same key: it stays masked until the last one ends") {
            val redactor = Redactor(clientKey)
            val firstEnded = CompletableDeferred<Unit>()
            val secondStarted = CompletableDeferred<Unit>()
            coroutineScope {
                val first = async {
                    redactor.withSecrets(listOf(tenant)) { secondStarted.await() }
                    firstEnded.complete(Unit)
                }
                val second = async {
                    redactor.withSecrets(listOf(tenant)) {
                        secondStarted.complete(Unit)
                        firstEnded.await()
                        redactor.text(tenant)
                    }
                }
                first.await()
                second.await() shouldBe "██"
            }
            redactor.text(tenant) shouldBe tenant
        }

        test("short secrets are masked too, as the client key is") {
            val redactor = Redactor(clientKey)
            redactor.withSecrets(listOf("short")) {
                redactor.text("a short b SHORT") shouldBe "a ██ b ██"
            }
            redactor.text("a short b") shouldBe "a short b"
        }

        test(
            "settings: no options is the client's own object; credential headers become secrets; an unchanged maxRetries keeps the policy"
        ) {
            AurikoClient {
                    apiKey = clientKey
                    baseUrl = "https://gateway.test/v1"
                    logger = AurikoLogger.NONE
                    engine = io.ktor.client.engine.mock.MockEngine { error("no calls") }
                }
                .use { client ->
                    val runtime = client.runtime
                    val base = runtime.settings(ai.auriko.client.RequestOptions.NONE)
                    runtime.settings(ai.auriko.client.RequestOptions.NONE) shouldBeSameInstanceAs
                        base
                    base.secrets shouldBe emptyList()
                    val merged =
                        runtime.settings(
                            requestOptions {
                                apiKey(tenant)
                                header("x-api-key", "azure-style-key-22")
                                header("X-Tenant", "acme")
                                maxRetries = 2
                                idleTimeout = 3.seconds
                            }
                        )
                    merged.secrets shouldBe listOf("Bearer $tenant", tenant, "azure-style-key-22")
                    merged.retryPolicy shouldBeSameInstanceAs base.retryPolicy
                    merged.idleTimeout shouldBe 3.seconds
                    merged.firstEventTimeout shouldBe base.firstEventTimeout
                    merged.requestTimeout shouldBe base.requestTimeout
                }
        }
    })
