package ai.auriko.samples

import ai.auriko.client.AurikoClient
import ai.auriko.client.blocking.blocking
import ai.auriko.errors.InvalidRequestException
import ai.auriko.errors.ModelNotFoundException
import ai.auriko.errors.NotFoundException
import ai.auriko.samples.gateway.LocalGateway
import java.util.Locale
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance

/** Every management endpoint of the SDK against the embedded [LocalGateway], over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementGatewayTest {
    private lateinit var gateway: LocalGateway
    private lateinit var client: AurikoClient

    @BeforeAll
    fun start() {
        gateway = LocalGateway()
        client = localClient(gateway)
    }

    @AfterAll
    fun stop() {
        client.close()
        gateway.close()
    }

    @Test
    fun `me is the local workspace's owner`() =
        runBlocking<Unit> {
            val me = client.me.get()
            assertEquals("ws_local", me.workspaceId)
            assertEquals("usr_local", me.userId)
            assertEquals("dev@localhost", me.email)
            assertEquals("owner", me.role)
            assertEquals(JsonPrimitive("ws_local"), me.raw["workspace_id"])
        }

    @Test
    fun `workspaces list and get ws_local`() =
        runBlocking<Unit> {
            val workspaces = client.workspaces.list()
            val local = workspaces.single { it.id == "ws_local" }
            assertEquals("Local workspace", local.name)
            assertEquals("developer", local.tier)
            assertTrue(workspaces.raw is JsonObject)

            val one = client.workspaces.get("ws_local")
            assertEquals("ws_local", one.id)
            assertEquals("Local workspace", one.name)
            assertEquals("2026-01-01T00:00:00Z", one.createdAt)
        }

    @Test
    fun `an unknown workspace is a NotFoundException, not a ModelNotFoundException`() {
        val e =
            assertThrows(NotFoundException::class.java) {
                runBlocking { client.workspaces.get("ws_nope") }
            }
        assertEquals(404, e.statusCode())
        assertFalse(e is ModelNotFoundException)
    }

    @Test
    fun `budgets list and get bud_monthly with its 50 dollar limit`() =
        runBlocking<Unit> {
            val budgets = client.budgets.list("ws_local")
            val monthly = budgets.single { it.id == "bud_monthly" }
            assertEquals(java.math.BigDecimal("50.0"), monthly.limitUsd)
            assertEquals("ws_local", monthly.workspaceId)
            assertEquals("monthly", monthly.period)
            assertEquals("Monthly cap", monthly.name)
            val spent = monthly.spentUsd!!
            assertTrue(spent.toDouble() >= 0.0 && spent.toDouble() <= 50.0) { "spent $spent" }

            val one = client.budgets.get("ws_local", "bud_monthly")
            assertEquals("bud_monthly", one.id)
            assertEquals(java.math.BigDecimal("50.0"), one.limitUsd)
            assertEquals("2026-12-01T00:00:00Z", one.resetAt)
        }

    @Test
    fun `an unknown budget is a NotFoundException`() {
        val e =
            assertThrows(NotFoundException::class.java) {
                runBlocking { client.budgets.get("ws_local", "bud_nope") }
            }
        assertEquals(404, e.statusCode())
    }

    @Test
    fun `the balance is positive and consistent in dollars and microdollars`() =
        runBlocking<Unit> {
            val balance = client.billing.balance("ws_local")
            assertEquals("ws_local", balance.workspaceId)
            assertEquals("USD", balance.currency)
            val usd = balance.balanceUsd!!
            val micros = balance.balanceMicrodollars!!
            assertTrue(usd.signum() > 0) { "balance $usd" }
            assertTrue(micros > 0L) { "balance $micros" }
            assertEquals(micros / 1e6, usd.toDouble(), 1e-6)
        }

    @Test
    fun `the models list contains gpt-4o and retrieve finds it`() =
        runBlocking<Unit> {
            val models = client.models.list()
            assertTrue(models.any { it.id == "gpt-4o" }) { "models: ${models.map { it.id }}" }
            for (m in models) {
                assertEquals("model", m.objectType)
                assertNotNull(m.ownedBy)
            }
            val gpt = client.models.retrieve("gpt-4o")
            assertEquals("gpt-4o", gpt.id)
            assertEquals("auriko", gpt.ownedBy)
            assertEquals(1_700_000_000L, gpt.created)
        }

    @Test
    fun `retrieving an unknown model is a ModelNotFoundException`() {
        val e =
            assertThrows(ModelNotFoundException::class.java) {
                runBlocking { client.models.retrieve("no-such-model") }
            }
        assertEquals(404, e.statusCode())
        assertEquals("model_not_found", e.code())
        assertTrue(e.errorMessage().contains("no-such-model"))
    }

    @Test
    fun `the registry lists models with family and display name`() =
        runBlocking<Unit> {
            val registry = client.models.listRegistry()
            val gpt = registry.single { it.id == "gpt-4o" }
            assertEquals("GPT-4o", gpt.displayName)
            assertEquals("gpt-4o", gpt.family)
            assertTrue(
                registry.all { !it.family.isNullOrBlank() && !it.displayName.isNullOrBlank() }
            )
        }

    @Test
    fun `the registry lists providers with description and data policy`() =
        runBlocking<Unit> {
            val providers = client.models.listProviders()
            assertTrue(providers.isNotEmpty())
            for (p in providers) {
                assertFalse(p.id.isNullOrBlank())
                assertFalse(p.displayName.isNullOrBlank())
                assertTrue(p.description!!.contains(p.id!!))
                assertEquals(JsonPrimitive("no-training"), p.dataPolicy)
            }
        }

    @Test
    fun `the directory gives gpt-4o's providers with context windows, capabilities and pricing`() =
        runBlocking<Unit> {
            val directory = client.models.listDirectory()
            val gpt = directory.single { it.id == "gpt-4o" }
            assertTrue(gpt.providers.isNotEmpty())
            val providerIds = client.models.listProviders().map { it.id }.toSet()
            for (entry in gpt.providers) {
                assertTrue(entry.provider in providerIds) {
                    "${entry.provider} not in $providerIds"
                }
                assertEquals(128_000L, entry.contextWindow)
                assertTrue(entry.capabilities.containsAll(listOf("tools", "streaming"))) {
                    "${entry.capabilities}"
                }
                val pricing = assertInstanceOf(JsonObject::class.java, entry.pricing)
                assertTrue(
                    pricing.containsKey("input_per_1m") && pricing.containsKey("output_per_1m")
                )
            }
        }

    @Test
    fun `the Java facade reaches the same endpoints, blocking and async`() {
        client.blocking().use { facade ->
            assertEquals("ws_local", facade.me().get().workspaceId)
            assertEquals("ws_local", facade.me().getAsync().get(10, TimeUnit.SECONDS).workspaceId)
            assertEquals(
                java.math.BigDecimal("50.0"),
                facade.budgets().get("ws_local", "bud_monthly").limitUsd,
            )
            assertTrue(
                facade
                    .billing()
                    .balanceAsync("ws_local")
                    .get(10, TimeUnit.SECONDS)
                    .balanceUsd!!
                    .signum() > 0
            )
            assertTrue(facade.models().list().any { it.id == "gpt-4o" })
            val e =
                assertThrows(java.util.concurrent.ExecutionException::class.java) {
                    facade.models().retrieveAsync("no-such-model").get(10, TimeUnit.SECONDS)
                }
            assertInstanceOf(ModelNotFoundException::class.java, e.cause)
        }
    }

    @Test
    fun `an id with a slash reaches the gateway as one segment`() {
        // "gpt-4o/extra" must not match /v1/models/{id} as "gpt-4o" or any other route
        val e =
            assertThrows(ModelNotFoundException::class.java) {
                runBlocking { client.models.retrieve("gpt-4o/extra") }
            }
        assertTrue(e.errorMessage().contains("gpt-4o/extra")) { e.errorMessage() }
    }

    @Test
    fun `a budget id of dot-dot never returns the workspace as if it were a budget`() {
        // GET /v1/workspaces/ws_local/budgets/.. is /v1/workspaces/ws_local after dot-segment
        // removal.
        val outcome = runCatching { runBlocking { client.budgets.get("ws_local", "..") } }
        val budget = outcome.getOrNull()
        assertTrue(budget == null) {
            "budgets.get(\"ws_local\", \"..\") returned $budget (raw ${budget?.raw})"
        }
        val e = outcome.exceptionOrNull()
        assertTrue(e is InvalidRequestException || e is NotFoundException) { "got $e" }
    }

    @Test
    fun `the balance of a workspace id with a quote is still valid JSON`() =
        runBlocking<Unit> {
            // the gateway echoes the path parameter into the JSON body; it must be escaped
            val balance = client.billing.balance("ws \"quoted\" \\ id")
            assertEquals("ws \"quoted\" \\ id", balance.workspaceId)
        }

    @Test
    fun `budgets list is valid JSON in a locale with a decimal comma`() {
        val saved = Locale.getDefault()
        Locale.setDefault(Locale.GERMANY)
        try {
            val budgets = runBlocking { client.budgets.list("ws_local") }
            assertEquals(java.math.BigDecimal("50.0"), budgets.single().limitUsd)
            assertNotNull(budgets.single().spentUsd)
        } finally {
            Locale.setDefault(saved)
        }
    }
}
