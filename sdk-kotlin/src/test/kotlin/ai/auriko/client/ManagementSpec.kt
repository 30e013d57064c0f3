package ai.auriko.client

import ai.auriko.client.management.ApiList
import ai.auriko.client.management.ApiObject
import ai.auriko.client.management.Balance
import ai.auriko.client.management.Budget
import ai.auriko.client.management.DirectoryModel
import ai.auriko.client.management.Identity
import ai.auriko.client.management.Model
import ai.auriko.client.management.RegistryModel
import ai.auriko.client.management.RegistryProvider
import ai.auriko.client.management.Workspace
import ai.auriko.client.testing.LoopbackServer
import ai.auriko.client.testing.MockClient
import ai.auriko.errors.AuthenticationException
import ai.auriko.errors.InvalidRequestException
import ai.auriko.errors.MalformedResponseException
import ai.auriko.errors.ModelNotFoundException
import ai.auriko.errors.NotFoundException
import ai.auriko.http.RetryPolicy
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.ktor.client.engine.mock.MockRequestHandleScope
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpResponseData
import io.ktor.client.utils.EmptyContent
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpMethod
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import java.time.Duration
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long

/**
 * The read-only management endpoints (`client.me`, `workspaces`, `budgets`, `models`, `billing`) on
 * a MockEngine: the exact request each one sends, how its body is decoded (typed fields, the raw
 * JSON, unknown fields, headers), list shapes, error mapping, retries, id encoding and validation,
 * and malformed bodies.
 */
class ManagementSpec :
    FunSpec({

        // ---- the request
        // ---------------------------------------------------------------------------

        for (ep in ENDPOINTS) {
            test(
                "[${ep.name}] sends exactly GET $BASE${ep.path} with Authorization, User-Agent, Accept and no body"
            ) {
                MockClient({ ok(ep.body()) }).use { mock ->
                    ep.call(mock.client)
                    val r = mock.requests.single()
                    r.method shouldBe HttpMethod.Get
                    r.url.toString() shouldBe "$BASE${ep.path}"
                    r.url.encodedPath shouldBe "/v1${ep.path}"
                    r.url.encodedQuery shouldBe ""
                    r.headers.getAll(HttpHeaders.Authorization) shouldBe
                        listOf("Bearer sk-test-key")
                    r.headers
                        .getAll(HttpHeaders.UserAgent)
                        .shouldNotBeNull()
                        .single() shouldStartWith "auriko-jvm/"
                    r.headers.getAll(HttpHeaders.Accept) shouldBe listOf("application/json")
                    r.headers[HttpHeaders.ContentType].shouldBeNull()
                    r.body shouldBeSameInstanceAs EmptyContent
                    r.body.contentLength.let { (it ?: 0L) shouldBe 0L }
                }
            }
        }

        // ---- decoding
        // ------------------------------------------------------------------------------

        for (ep in ENDPOINTS) {
            test(
                "[${ep.name}] decodes every typed field, keeps unknown fields in raw, and reads x-request-id"
            ) {
                MockClient({ ok(ep.body(), requestId = "req_mgmt_1") }).use { mock ->
                    val result = ep.call(mock.client)
                    val items: List<ApiObject> =
                        if (ep.list) {
                            val list = result.shouldBeInstanceOf<ApiList<*>>()
                            list.responseHeaders.requestId() shouldBe "req_mgmt_1"
                            val raw = list.raw.shouldBeInstanceOf<JsonObject>()
                            raw shouldContainKey "has_more"
                            raw["x_list_extra"]!!.jsonObject["page"]!!.jsonPrimitive.long shouldBe
                                1L
                            list shouldHaveSize 2
                            list.map { it.shouldBeInstanceOf<ApiObject>() }
                        } else {
                            listOf(result.shouldBeInstanceOf<ApiObject>())
                        }
                    val first = items.first()
                    ep.verify(first)
                    first.raw shouldContainKey "x_unknown"
                    first.raw["x_unknown"]!!.jsonObject["nested"]!!.jsonArray.map {
                        it.jsonPrimitive.long
                    } shouldBe listOf(1L, 2L)
                    first.raw shouldBe
                        kotlinx.serialization.json.Json.parseToJsonElement(ep.sample).jsonObject
                    for (item in items) item.responseHeaders.requestId() shouldBe "req_mgmt_1"
                    if (ep.list) items[1].raw["x_second"] shouldBe JsonPrimitive(true)
                }
            }
        }

        test("[me.get] a body with only some fields leaves the others null") {
            MockClient({ ok("""{"workspace_id":"ws_1"}""") }).use { mock ->
                val me = mock.client.me.get()
                me.workspaceId shouldBe "ws_1"
                me.userId.shouldBeNull()
                me.email.shouldBeNull()
                me.name.shouldBeNull()
                me.role.shouldBeNull()
                me.responseHeaders.requestId() shouldBe "req_default"
            }
        }

        test("[models.listProviders] data_policy may be a plain string as well as an object") {
            val body =
                """[{"id":"openai","data_policy":"no-training"},{"id":"anthropic","data_policy":{"training":false}},{"id":"x"}]"""
            MockClient({ ok(body) }).use { mock ->
                val providers = mock.client.models.listProviders()
                providers[0].dataPolicy shouldBe JsonPrimitive("no-training")
                providers[1].dataPolicy.shouldBeInstanceOf<JsonObject>()["training"] shouldBe
                    JsonPrimitive(false)
                providers[2].dataPolicy.shouldBeNull()
            }
        }

        test(
            "[models.listDirectory] pricing may be a list of tiers; missing lists default to empty"
        ) {
            val body =
                """{"data":[{"id":"m","providers":[{"provider":"p","pricing":[{"up_to":1000,"input_per_1m":1},{"input_per_1m":2}]},{"provider":"q"}]},{"id":"n"}]}"""
            MockClient({ ok(body) }).use { mock ->
                val dir = mock.client.models.listDirectory()
                dir[0].providers[0].pricing.shouldBeInstanceOf<JsonArray>() shouldHaveSize 2
                dir[0].providers[1].pricing.shouldBeNull()
                dir[0].providers[1].capabilities.shouldBeEmpty()
                dir[0].providers[1].supportedParameters.shouldBeEmpty()
                dir[0].providers[1].contextWindow.shouldBeNull()
                dir[1].providers.shouldBeEmpty()
            }
        }

        // ---- list shapes
        // ---------------------------------------------------------------------------

        for (ep in ENDPOINTS.filter { it.list }) {
            test("[${ep.name}] accepts a bare array as well as {\"data\": [...]}") {
                MockClient({ ok("[${ep.sample},${ep.second}]", requestId = "req_bare") }).use { mock
                    ->
                    val list = ep.call(mock.client).shouldBeInstanceOf<ApiList<*>>()
                    list shouldHaveSize 2
                    ep.verify(list[0].shouldBeInstanceOf<ApiObject>())
                    list.raw.shouldBeInstanceOf<JsonArray>() shouldHaveSize 2
                    list.responseHeaders.requestId() shouldBe "req_bare"
                    (list[1] as ApiObject).raw["x_second"] shouldBe JsonPrimitive(true)
                }
            }

            test("[${ep.name}] an empty list, wrapped or bare, is an empty ApiList") {
                for (body in listOf("""{"object":"list","data":[]}""", "[]")) {
                    withClue(body) {
                        MockClient({ ok(body) }).use { mock ->
                            val list = ep.call(mock.client).shouldBeInstanceOf<ApiList<*>>()
                            list.isEmpty() shouldBe true
                            list.data.shouldBeEmpty()
                            list.raw shouldBe
                                kotlinx.serialization.json.Json.parseToJsonElement(body)
                        }
                    }
                }
            }

            test("[${ep.name}] a list body without a data array is a MalformedResponseException") {
                for (body in
                    listOf(
                        """{"object":"list"}""",
                        """{"data":{"id":"x"}}""",
                        """{"data":"x"}""",
                        """{"items":[]}""",
                        "42",
                        "\"x\"",
                        "null",
                    )) {
                    withClue(body) {
                        MockClient({ ok(body) }).use { mock ->
                            val e = runCatching { ep.call(mock.client) }.exceptionOrNull()
                            e.shouldBeInstanceOf<MalformedResponseException>()
                            e.requestId() shouldBe "req_default"
                            mock.requests shouldHaveSize 1
                        }
                    }
                }
            }
        }

        test("ApiList is a read-only java.util.List with data, raw and responseHeaders") {
            MockClient({
                    ok("""{"data":[${MODEL},${MODEL_2}],"object":"list"}""", requestId = "req_list")
                })
                .use { mock ->
                    val models: ApiList<Model> = mock.client.models.list()
                    val asJava: java.util.List<*> =
                        (models as Any).shouldBeInstanceOf<java.util.List<*>>()
                    asJava.size shouldBe 2
                    asJava[0] shouldBeSameInstanceAs models.data[0]
                    asJava.indexOf(models.data[1]) shouldBe 1
                    asJava.contains(models.data[0]) shouldBe true
                    asJava.iterator().asSequence().toList() shouldContainExactly models.data
                    asJava.subList(1, 2).single() shouldBeSameInstanceAs models.data[1]
                    models.map { it.id } shouldBe listOf("gpt-4o", "claude-sonnet-4")
                    models.data.map { it.id } shouldBe listOf("gpt-4o", "claude-sonnet-4")
                    models.raw.jsonObject["object"] shouldBe JsonPrimitive("list")
                    models.responseHeaders.requestId() shouldBe "req_list"
                    models.toString() shouldBe "ApiList(size=2, data=${models.data})"
                    @Suppress("UNCHECKED_CAST", "PLATFORM_CLASS_MAPPED_TO_KOTLIN")
                    val mutable = (models as Any) as java.util.List<Any?> // how Java code sees it
                    runCatching { mutable.add(null) }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<UnsupportedOperationException>()
                    runCatching { mutable.set(0, null) }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<UnsupportedOperationException>()
                    runCatching { mutable.clear() }
                        .exceptionOrNull()
                        .shouldBeInstanceOf<UnsupportedOperationException>()
                    models shouldHaveSize 2
                }
        }

        test(
            "ApiList honours the java.util.List equals/hashCode contract (equal to a list of the same elements)"
        ) {
            // java.util.List#equals: "true if and only if the specified object is also a list, both
            // lists have the
            // same size, and all corresponding pairs of elements are equal". `List<T> by data`
            // delegates no equals/hashCode.
            MockClient({ ok("""{"data":[${MODEL},${MODEL_2}]}""") }).use { mock ->
                val models = mock.client.models.list()
                val copy: List<Model> = ArrayList(models.data)
                withClue("ArrayList(models) == models (ArrayList compares elements)") {
                    (copy == models) shouldBe true
                }
                withClue("models.equals(ArrayList(models)) must agree (symmetry)") {
                    models.equals(copy) shouldBe true
                }
                withClue("models.hashCode() == ArrayList(models).hashCode()") {
                    models.hashCode() shouldBe copy.hashCode()
                }
            }
        }

        test(
            "a non-object item inside a list is a MalformedResponseException, not silently dropped"
        ) {
            for (body in
                listOf(
                    """{"data":[${MODEL},42]}""",
                    """[${MODEL},null]""",
                    """{"data":[${MODEL},"gpt-4o"]}""",
                    """[[${MODEL}]]""",
                )) {
                withClue(body) {
                    MockClient({ ok(body) }).use { mock ->
                        val outcome = runCatching { mock.client.models.list() }
                        withClue("result: ${outcome.getOrNull()}") {
                            outcome
                                .exceptionOrNull()
                                .shouldBeInstanceOf<MalformedResponseException>()
                        }
                    }
                }
            }
        }

        // ---- errors
        // --------------------------------------------------------------------------------

        for (ep in ENDPOINTS) {
            test(
                "[${ep.name}] a 404 is a NotFoundException with status, message and request id, not retried"
            ) {
                MockClient(
                        {
                            json(
                                HttpStatusCode.NotFound,
                                """{"error":{"message":"nothing here","type":"not_found_error","code":"not_found"}}""",
                                "req_404",
                            )
                        },
                        { retryPolicy = FAST },
                    )
                    .use { mock ->
                        val e =
                            runCatching { ep.call(mock.client) }
                                .exceptionOrNull()
                                .shouldBeInstanceOf<NotFoundException>()
                        (e is ModelNotFoundException) shouldBe false
                        e.statusCode() shouldBe 404
                        e.code() shouldBe "not_found"
                        e.errorMessage() shouldBe "nothing here"
                        e.requestId() shouldBe "req_404"
                        mock.requests shouldHaveSize 1
                        e.attempts() shouldBe 1
                    }
            }

            test("[${ep.name}] a 401 is an AuthenticationException, not retried") {
                MockClient(
                        {
                            json(
                                HttpStatusCode.Unauthorized,
                                """{"error":{"message":"Invalid API key","type":"authentication_error","code":"invalid_api_key"}}""",
                                "req_401",
                            )
                        },
                        { retryPolicy = FAST },
                    )
                    .use { mock ->
                        val e =
                            runCatching { ep.call(mock.client) }
                                .exceptionOrNull()
                                .shouldBeInstanceOf<AuthenticationException>()
                        e.statusCode() shouldBe 401
                        e.requestId() shouldBe "req_401"
                        mock.requests shouldHaveSize 1
                    }
            }

            test(
                "[${ep.name}] a 503 followed by a 200 is retried and succeeds on the second request"
            ) {
                var n = 0
                MockClient(
                        {
                            if (n++ == 0)
                                json(
                                    HttpStatusCode.ServiceUnavailable,
                                    """{"error":{"message":"overloaded","type":"service_unavailable"}}""",
                                    "req_503",
                                )
                            else ok(ep.body(), requestId = "req_second")
                        },
                        { retryPolicy = FAST },
                    )
                    .use { mock ->
                        val result = ep.call(mock.client)
                        mock.requests shouldHaveSize 2
                        mock.requests.map { it.url.toString() }.distinct() shouldBe
                            listOf("$BASE${ep.path}")
                        mock.requests.forEach { it.method shouldBe HttpMethod.Get }
                        val first =
                            if (ep.list) (result as ApiList<*>).first() as ApiObject
                            else result as ApiObject
                        ep.verify(first)
                        first.responseHeaders.requestId() shouldBe "req_second"
                    }
            }

            test(
                "[${ep.name}] a 200 whose body is not JSON is a MalformedResponseException, not retried"
            ) {
                for (body in
                    listOf(
                        "<html><body>502 Bad Gateway</body></html>",
                        "",
                        "{\"id\":",
                        "not json at all",
                    )) {
                    withClue("body=\"$body\"") {
                        MockClient({ ok(body, requestId = "req_html") }, { retryPolicy = FAST })
                            .use { mock ->
                                val e =
                                    runCatching { ep.call(mock.client) }
                                        .exceptionOrNull()
                                        .shouldBeInstanceOf<MalformedResponseException>()
                                e.requestId() shouldBe "req_html"
                                mock.requests shouldHaveSize 1
                            }
                    }
                }
            }

            test(
                "[${ep.name}] a field of the wrong type is a MalformedResponseException, never a raw serialization exception"
            ) {
                for (bad in ep.wrongTypes) {
                    val body = if (ep.list) """{"data":[$bad]}""" else bad
                    withClue(body) {
                        MockClient({ ok(body, requestId = "req_bad") }, { retryPolicy = FAST })
                            .use { mock ->
                                val e = runCatching { ep.call(mock.client) }.exceptionOrNull()
                                e.shouldNotBeNull()
                                (e is SerializationException) shouldBe false
                                e.shouldBeInstanceOf<MalformedResponseException>()
                                e.requestId() shouldBe "req_bad"
                                mock.requests shouldHaveSize 1
                            }
                    }
                }
            }
        }

        for (ep in ENDPOINTS.filter { !it.list }) {
            test(
                "[${ep.name}] a 200 with a JSON array or primitive where an object belongs is a MalformedResponseException"
            ) {
                for (body in listOf("[${ep.sample}]", "42", "null", "\"text\"", "true")) {
                    withClue(body) {
                        MockClient({ ok(body) }).use { mock ->
                            runCatching { ep.call(mock.client) }
                                .exceptionOrNull()
                                .shouldBeInstanceOf<MalformedResponseException>()
                        }
                    }
                }
            }
        }

        test(
            "[models.retrieve] a 404 with code model_not_found is a ModelNotFoundException (a NotFoundException)"
        ) {
            MockClient(
                    {
                        json(
                            HttpStatusCode.NotFound,
                            """{"error":{"message":"Model 'nope' not found","type":"invalid_request_error","code":"model_not_found"}}""",
                            "req_mnf",
                        )
                    },
                    { retryPolicy = FAST },
                )
                .use { mock ->
                    val e =
                        runCatching { mock.client.models.retrieve("nope") }
                            .exceptionOrNull()
                            .shouldBeInstanceOf<ModelNotFoundException>()
                    e.shouldBeInstanceOf<NotFoundException>()
                    e.statusCode() shouldBe 404
                    e.code() shouldBe "model_not_found"
                    e.requestId() shouldBe "req_mnf"
                    mock.requests.single().url.toString() shouldBe "$BASE/models/nope"
                }
        }

        test("a 503 on every attempt gives up after the policy's retries") {
            MockClient(
                    {
                        json(
                            HttpStatusCode.ServiceUnavailable,
                            """{"error":{"message":"overloaded","type":"service_unavailable"}}""",
                            "req_503",
                        )
                    },
                    { retryPolicy = FAST },
                )
                .use { mock ->
                    val e = runCatching { mock.client.me.get() }.exceptionOrNull()
                    e.shouldBeInstanceOf<ai.auriko.errors.ServiceUnavailableException>()
                    mock.requests shouldHaveSize 1 + RetryPolicy.DEFAULT_MAX_RETRIES
                    e.attempts() shouldBe 1 + RetryPolicy.DEFAULT_MAX_RETRIES
                }
        }

        test("after close, a management call fails with IllegalStateException and sends nothing") {
            MockClient({ ok(IDENTITY) }).use { mock ->
                mock.client.close()
                runCatching { mock.client.me.get() }
                    .exceptionOrNull()
                    .shouldBeInstanceOf<IllegalStateException>()
                runCatching { mock.client.models.list() }
                    .exceptionOrNull()
                    .shouldBeInstanceOf<IllegalStateException>()
                mock.requests.shouldBeEmpty()
            }
        }

        // ---- ids
        // -----------------------------------------------------------------------------------

        for (idCall in ID_CALLS) {
            for ((id, encoded) in ENCODINGS) {
                test("[${idCall.name}] id \"$id\" is sent as the single path segment $encoded") {
                    MockClient({ ok(idCall.okBody) }).use { mock ->
                        idCall.call(mock.client, idCall.params.map { id })
                        val r = mock.requests.single()
                        val expected = idCall.path(idCall.params.map { encoded })
                        r.url.encodedPath shouldBe "/v1$expected"
                        r.url.toString() shouldBe "$BASE$expected"
                        r.url.encodedQuery shouldBe ""
                        r.url.fragment shouldBe ""
                    }
                }
            }

            for (position in idCall.params.indices) {
                val param = idCall.params[position]
                test(
                    "[${idCall.name}] a blank $param throws InvalidRequestException (param $param) before any request"
                ) {
                    for (blank in listOf("", " ", "\t\n ")) {
                        withClue("id=\"${blank.replace("\t", "\\t").replace("\n", "\\n")}\"") {
                            MockClient({ ok(idCall.okBody) }).use { mock ->
                                val ids =
                                    idCall.params.mapIndexed { i, _ ->
                                        if (i == position) blank else "ok_$i"
                                    }
                                val e =
                                    runCatching { idCall.call(mock.client, ids) }
                                        .exceptionOrNull()
                                        .shouldBeInstanceOf<InvalidRequestException>()
                                e.param() shouldBe param
                                e.statusCode() shouldBe 0
                                mock.requests.shouldBeEmpty()
                            }
                        }
                    }
                }
            }
        }

        // "." and ".." are dot-segments (RFC 3986 §5.2.4): URL normalisation removes them, so the
        // request
        // would reach another endpoint, e.g. retrieve("..") -> GET /v1/ and budgets.get(ws, "..")
        // -> GET
        // /v1/workspaces/{ws}. Percent-encoding them does not help: "%2E%2E" is also a dot-segment
        // to
        // WHATWG URL parsers and OkHttp. The id must be rejected before any I/O.
        for (idCall in ID_CALLS) {
            for (dots in listOf(".", "..")) {
                test(
                    "[${idCall.name}] an id \"$dots\" never reaches another endpoint (rejected before any request or kept as one segment)"
                ) {
                    MockClient({ ok(idCall.okBody) }).use { mock ->
                        val outcome = runCatching {
                            idCall.call(mock.client, idCall.params.map { dots })
                        }
                        if (outcome.exceptionOrNull() is InvalidRequestException) {
                            mock.requests.shouldBeEmpty()
                        } else {
                            val path = mock.requests.single().url.encodedPath
                            val segments = path.removePrefix("/").split("/")
                            withClue("sent $path") {
                                segments shouldHaveSize
                                    idCall
                                        .path(idCall.params.map { "x" })
                                        .removePrefix("/")
                                        .split("/")
                                        .size + 1
                                segments.none {
                                    it == "." ||
                                        it == ".." ||
                                        it.equals("%2e", true) ||
                                        it.equals("%2e%2e", true) ||
                                        it.equals(".%2e", true) ||
                                        it.equals("%2e.", true)
                                } shouldBe true
                            }
                        }
                    }
                }
            }
        }

        test(
            "[models.retrieve] over a real socket (OkHttp and CIO) an id \"..\" does not turn into GET /v1/"
        ) {
            LoopbackServer { it.respond(200, MODEL) }
                .use { server ->
                    for ((engineName, engineFactory) in TestEngines.all) {
                        withClue(engineName) {
                            val given = engineFactory()
                            val client = AurikoClient {
                                apiKey = "sk-test-key"
                                baseUrl = server.baseUrl
                                maxRetries = 0
                                if (given != null) engine = given
                            }
                            val before = server.requests.size
                            val outcome =
                                try {
                                    client.use { c -> runCatching { c.models.retrieve("..") } }
                                } finally {
                                    given?.close()
                                }
                            if (outcome.exceptionOrNull() !is InvalidRequestException) {
                                val sent = server.requests.drop(before).single().path
                                withClue("the server received GET $sent") {
                                    sent shouldNotBe "/v1/"
                                }
                                sent shouldStartWith "/v1/models/"
                            } else {
                                server.requests.size shouldBe before
                            }
                        }
                    }
                }
        }
    })

// ---- fixtures
// ------------------------------------------------------------------------------------

private const val BASE = "https://gateway.test/v1"

private val FAST: RetryPolicy = RetryPolicy.builder().initialBackoff(Duration.ZERO).build()

private const val UNKNOWN = """"x_unknown":{"nested":[1,2]}"""

private const val IDENTITY =
    """{"workspace_id":"ws_1","user_id":"usr_9","email":"ada@example.com","name":"Ada Lovelace","role":"owner",$UNKNOWN}"""

private const val WORKSPACE =
    """{"id":"ws_1","name":"Main workspace","tier":"enterprise","created_at":"2026-01-02T03:04:05Z",$UNKNOWN}"""
private const val WORKSPACE_2 = """{"id":"ws_2","name":"Other","x_second":true}"""

private const val BUDGET =
    """{"id":"b_2","workspace_id":"ws_1","name":"Monthly cap","limit_usd":50.5,"spent_usd":12.25,"period":"monthly",""" +
        """"reset_at":"2026-12-01T00:00:00Z",$UNKNOWN}"""
private const val BUDGET_2 = """{"id":"b_3","limit_usd":10,"x_second":true}"""

private const val MODEL =
    """{"id":"gpt-4o","object":"model","created":1700000000,"owned_by":"openai",$UNKNOWN}"""
private const val MODEL_2 =
    """{"id":"claude-sonnet-4","object":"model","created":1700000001,"owned_by":"anthropic","x_second":true}"""

private const val REGISTRY_MODEL =
    """{"id":"claude-sonnet-4","family":"claude-4","display_name":"Claude Sonnet 4",$UNKNOWN}"""
private const val REGISTRY_MODEL_2 = """{"id":"gpt-4o","family":"gpt-4o","x_second":true}"""

private const val PROVIDER =
    """{"id":"anthropic","display_name":"Anthropic","description":"Claude models","data_policy":{"training":false,"retention_days":30},$UNKNOWN}"""
private const val PROVIDER_2 = """{"id":"openai","data_policy":"no-training","x_second":true}"""

private const val DIRECTORY =
    """{"id":"gpt-4o","display_name":"GPT-4o","providers":[{"provider":"openai","context_window":128000,""" +
        """"capabilities":["tools","vision"],"pricing":{"input_per_1m":2.5,"output_per_1m":10},""" +
        """"supported_parameters":["temperature","tools"],"x_entry_extra":true},{"provider":"azure","context_window":64000}],$UNKNOWN}"""
private const val DIRECTORY_2 = """{"id":"llama","providers":[],"x_second":true}"""

private const val BALANCE =
    """{"workspace_id":"ws_1","balance_usd":12.345678,"balance_microdollars":12345678,"currency":"USD",$UNKNOWN}"""

/** One endpoint: how to call it, where it goes, a representative body and how to check it. */
private class Endpoint(
    val name: String,
    val path: String,
    val list: Boolean,
    val sample: String,
    val second: String?,
    val wrongTypes: List<String>,
    val call: suspend (AurikoClient) -> Any,
    val verify: (ApiObject) -> Unit,
) {
    /** The body answered on success: the object, or a wrapped list of [sample] and [second]. */
    fun body(): String =
        if (list)
            """{"object":"list","data":[$sample,$second],"has_more":false,"x_list_extra":{"page":1}}"""
        else sample
}

private val ENDPOINTS: List<Endpoint> =
    listOf(
        Endpoint(
            "me.get",
            "/me",
            false,
            IDENTITY,
            null,
            listOf("""{"workspace_id":{"id":"ws_1"}}""", """{"email":["a@b"]}"""),
            { it.me.get() },
            {
                val me = it.shouldBeInstanceOf<Identity>()
                me.workspaceId shouldBe "ws_1"
                me.userId shouldBe "usr_9"
                me.email shouldBe "ada@example.com"
                me.name shouldBe "Ada Lovelace"
                me.role shouldBe "owner"
            },
        ),
        Endpoint(
            "workspaces.list",
            "/workspaces",
            true,
            WORKSPACE,
            WORKSPACE_2,
            listOf("""{"id":{"v":1}}""", """{"created_at":[2026]}"""),
            { it.workspaces.list() },
            { verifyWorkspace(it) },
        ),
        Endpoint(
            "workspaces.get",
            "/workspaces/ws_1",
            false,
            WORKSPACE,
            null,
            listOf("""{"id":{"v":1}}""", """{"tier":[]}"""),
            { it.workspaces.get("ws_1") },
            { verifyWorkspace(it) },
        ),
        Endpoint(
            "budgets.list",
            "/workspaces/ws_1/budgets",
            true,
            BUDGET,
            BUDGET_2,
            listOf("""{"limit_usd":"lots"}""", """{"spent_usd":{"usd":1}}"""),
            { it.budgets.list("ws_1") },
            { verifyBudget(it) },
        ),
        Endpoint(
            "budgets.get",
            "/workspaces/ws_1/budgets/b_2",
            false,
            BUDGET,
            null,
            listOf("""{"limit_usd":"lots"}""", """{"id":"b_2","spent_usd":true}"""),
            { it.budgets.get("ws_1", "b_2") },
            { verifyBudget(it) },
        ),
        Endpoint(
            "models.list",
            "/models",
            true,
            MODEL,
            MODEL_2,
            listOf("""{"created":"yesterday"}""", """{"created":1.5}"""),
            { it.models.list() },
            { verifyModel(it) },
        ),
        Endpoint(
            "models.retrieve",
            "/models/gpt-4o",
            false,
            MODEL,
            null,
            listOf("""{"created":"yesterday"}""", """{"owned_by":{"org":"openai"}}"""),
            { it.models.retrieve("gpt-4o") },
            { verifyModel(it) },
        ),
        Endpoint(
            "models.listRegistry",
            "/registry/models",
            true,
            REGISTRY_MODEL,
            REGISTRY_MODEL_2,
            listOf("""{"family":{"a":1}}""", """{"display_name":[1]}"""),
            { it.models.listRegistry() },
            {
                val m = it.shouldBeInstanceOf<RegistryModel>()
                m.id shouldBe "claude-sonnet-4"
                m.family shouldBe "claude-4"
                m.displayName shouldBe "Claude Sonnet 4"
            },
        ),
        Endpoint(
            "models.listProviders",
            "/registry/providers",
            true,
            PROVIDER,
            PROVIDER_2,
            listOf("""{"display_name":[1]}""", """{"description":{"text":"x"}}"""),
            { it.models.listProviders() },
            {
                val p = it.shouldBeInstanceOf<RegistryProvider>()
                p.id shouldBe "anthropic"
                p.displayName shouldBe "Anthropic"
                p.description shouldBe "Claude models"
                val policy = p.dataPolicy.shouldBeInstanceOf<JsonObject>()
                policy["training"] shouldBe JsonPrimitive(false)
                policy["retention_days"] shouldBe JsonPrimitive(30)
            },
        ),
        Endpoint(
            "models.listDirectory",
            "/directory/models",
            true,
            DIRECTORY,
            DIRECTORY_2,
            listOf(
                """{"providers":"openai"}""",
                """{"providers":[{"context_window":"big"}]}""",
                """{"providers":[{"capabilities":"tools"}]}""",
            ),
            { it.models.listDirectory() },
            {
                val d = it.shouldBeInstanceOf<DirectoryModel>()
                d.id shouldBe "gpt-4o"
                d.displayName shouldBe "GPT-4o"
                d.providers shouldHaveSize 2
                val openai = d.providers[0]
                openai.provider shouldBe "openai"
                openai.contextWindow shouldBe 128_000L
                openai.capabilities shouldBe listOf("tools", "vision")
                openai.supportedParameters shouldBe listOf("temperature", "tools")
                val pricing = openai.pricing.shouldBeInstanceOf<JsonObject>()
                pricing["input_per_1m"] shouldBe JsonPrimitive(2.5)
                pricing["output_per_1m"] shouldBe JsonPrimitive(10)
                d.providers[1].provider shouldBe "azure"
                d.providers[1].contextWindow shouldBe 64_000L
                d.providers[1].capabilities.shouldBeEmpty()
                d.raw["providers"]!!.jsonArray[0].jsonObject shouldContainKey "x_entry_extra"
            },
        ),
        Endpoint(
            "billing.balance",
            "/workspaces/ws_1/billing/balance",
            false,
            BALANCE,
            null,
            listOf(
                """{"balance_usd":"plenty"}""",
                """{"balance_microdollars":"many"}""",
                """{"balance_microdollars":1.5}""",
            ),
            { it.billing.balance("ws_1") },
            {
                val b = it.shouldBeInstanceOf<Balance>()
                b.workspaceId shouldBe "ws_1"
                b.balanceUsd shouldBe java.math.BigDecimal("12.345678")
                b.balanceMicrodollars shouldBe 12_345_678L
                b.currency shouldBe "USD"
            },
        ),
    )

private fun verifyWorkspace(it: ApiObject) {
    val w = it.shouldBeInstanceOf<Workspace>()
    w.id shouldBe "ws_1"
    w.name shouldBe "Main workspace"
    w.tier shouldBe "enterprise"
    w.createdAt shouldBe "2026-01-02T03:04:05Z"
}

private fun verifyBudget(it: ApiObject) {
    val b = it.shouldBeInstanceOf<Budget>()
    b.id shouldBe "b_2"
    b.workspaceId shouldBe "ws_1"
    b.name shouldBe "Monthly cap"
    b.limitUsd shouldBe java.math.BigDecimal("50.5")
    b.spentUsd shouldBe java.math.BigDecimal("12.25")
    b.period shouldBe "monthly"
    b.resetAt shouldBe "2026-12-01T00:00:00Z"
}

private fun verifyModel(it: ApiObject) {
    val m = it.shouldBeInstanceOf<Model>()
    m.id shouldBe "gpt-4o"
    m.objectType shouldBe "model"
    m.created shouldBe 1_700_000_000L
    m.ownedBy shouldBe "openai"
}

/** An endpoint that takes ids, with the wire name of each id parameter. */
private class IdCall(
    val name: String,
    val params: List<String>,
    val okBody: String,
    val path: (List<String>) -> String,
    val call: suspend (AurikoClient, List<String>) -> Any,
)

private val ID_CALLS: List<IdCall> =
    listOf(
        IdCall("workspaces.get", listOf("workspace_id"), "{}", { "/workspaces/${it[0]}" }) { c, ids
            ->
            c.workspaces.get(ids[0])
        },
        IdCall("budgets.list", listOf("workspace_id"), "[]", { "/workspaces/${it[0]}/budgets" }) {
            c,
            ids ->
            c.budgets.list(ids[0])
        },
        IdCall(
            "budgets.get",
            listOf("workspace_id", "budget_id"),
            "{}",
            { "/workspaces/${it[0]}/budgets/${it[1]}" },
        ) { c, ids ->
            c.budgets.get(ids[0], ids[1])
        },
        IdCall("models.retrieve", listOf("model"), "{}", { "/models/${it[0]}" }) { c, ids ->
            c.models.retrieve(ids[0])
        },
        IdCall(
            "billing.balance",
            listOf("workspace_id"),
            "{}",
            { "/workspaces/${it[0]}/billing/balance" },
        ) { c, ids ->
            c.billing.balance(ids[0])
        },
    )

/**
 * An id and its expected encoding as one path segment: RFC 3986 unreserved kept, all else UTF-8
 * percent-encoded.
 */
private val ENCODINGS: List<Pair<String, String>> =
    listOf(
        "a/b c" to "a%2Fb%20c",
        "Az09-._~" to "Az09-._~",
        "ü€" to "%C3%BC%E2%82%AC",
        "模型" to "%E6%A8%A1%E5%9E%8B",
        "emoji 😀" to "emoji%20%F0%9F%98%80",
        "x?y#z%&=+" to "x%3Fy%23z%25%26%3D%2B",
        "a%2Fb" to "a%252Fb",
        "../secret" to "..%2Fsecret",
        "openai/gpt-4o:free" to "openai%2Fgpt-4o%3Afree",
        " padded " to "%20padded%20",
    )

private fun MockRequestHandleScope.ok(
    body: String,
    requestId: String = "req_default",
): HttpResponseData =
    respond(
        body,
        HttpStatusCode.OK,
        headersOf(
            HttpHeaders.ContentType to listOf("application/json"),
            "x-request-id" to listOf(requestId),
        ),
    )

private fun MockRequestHandleScope.json(
    status: HttpStatusCode,
    body: String,
    requestId: String,
): HttpResponseData =
    respond(
        body,
        status,
        headersOf(
            HttpHeaders.ContentType to listOf("application/json"),
            "x-request-id" to listOf(requestId),
        ),
    )
