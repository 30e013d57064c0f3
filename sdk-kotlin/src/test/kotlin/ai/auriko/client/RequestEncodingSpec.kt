package ai.auriko.client

import ai.auriko.client.dsl.chatCompletionRequest
import ai.auriko.client.testing.MockClient
import ai.auriko.errors.InvalidRequestException
import ai.auriko.gateway.DataPolicy
import ai.auriko.gateway.Extensions
import ai.auriko.gateway.Optimize
import ai.auriko.gateway.RequestMetadata
import ai.auriko.gateway.RoutingMode
import ai.auriko.gateway.RoutingOptions
import ai.auriko.gateway.ThinkingOptions
import ai.auriko.json.RawJson
import ai.auriko.request.chat.ChatCompletionRequest
import ai.auriko.request.chat.ChatMessage
import ai.auriko.request.chat.ContentPart
import ai.auriko.request.chat.ImageDetail
import ai.auriko.request.chat.ResponseFormat
import ai.auriko.request.chat.Role
import ai.auriko.request.chat.StreamOptions
import ai.auriko.request.chat.Tool
import ai.auriko.request.chat.ToolCall
import ai.auriko.request.chat.ToolChoice
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.engine.mock.respond
import io.ktor.client.request.HttpRequestData
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.OutgoingContent
import io.ktor.http.headersOf
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject

/**
 * The JSON the client puts on the wire, read back from the body MockEngine captured and checked
 * field by field, through `create` and through `stream(...).collect {}`.
 */
class RequestEncodingSpec :
    FunSpec({
        for (call in Call.values()) {
            test("[$call] a minimal request sends model, messages and stream, and nothing else") {
                val body = send(call, base().build())
                val expectedKeys =
                    if (call == Call.STREAM) setOf("model", "messages", "stream", "stream_options")
                    else setOf("model", "messages", "stream")
                body.keys shouldBe expectedKeys
                body["model"] shouldBe JsonPrimitive("gpt-4o")
                body["messages"] shouldBe json("""[{"role":"user","content":"Hi"}]""")
                body["stream"] shouldBe JsonPrimitive(call == Call.STREAM)
                body.containsKey("gateway") shouldBe false
                body.containsKey("extensions") shouldBe false
            }

            test("[$call] models is sent as an array and no model key is written") {
                val body =
                    send(
                        call,
                        ChatCompletionRequest.builder()
                            .models("gpt-4o", "claude-sonnet-4", "gemini-2.5-pro")
                            .addMessage(ChatMessage.user("Hi"))
                            .build(),
                    )
                body.containsKey("model") shouldBe false
                body["models"] shouldBe json("""["gpt-4o","claude-sonnet-4","gemini-2.5-pro"]""")
            }

            test("[$call] messages of every role, multimodal parts, tool calls and tool results") {
                val body =
                    send(
                        call,
                        ChatCompletionRequest.builder()
                            .model("gpt-4o")
                            .addMessage(ChatMessage.system("Be terse."))
                            .addMessage(ChatMessage.developer("Use metric units."))
                            .addMessage(
                                ChatMessage.builder(Role.USER).content("Hi").name("alice").build()
                            )
                            .addMessage(
                                ChatMessage.user(
                                    ContentPart.text("What is this?"),
                                    ContentPart.imageUrl(
                                        "https://img.test/cat.png",
                                        ImageDetail.LOW,
                                    ),
                                    ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo="),
                                )
                            )
                            .addMessage(
                                ChatMessage.assistant(
                                    null,
                                    listOf(
                                        ToolCall.function(
                                            "call_1",
                                            "get_weather",
                                            """{"city":"Paris"}""",
                                        )
                                    ),
                                )
                            )
                            .addMessage(ChatMessage.tool("call_1", """{"temp":21}"""))
                            .addMessage(
                                ChatMessage.builder(Role.ASSISTANT)
                                    .content("It is 21°C.")
                                    .reasoningContent("looked it up")
                                    .build()
                            )
                            .addMessage(
                                ChatMessage.builder(Role.ASSISTANT)
                                    .refusal("I can't help with that.")
                                    .build()
                            )
                            .build(),
                    )
                val messages = body["messages"].shouldNotBeNull()
                val expected =
                    json(
                        """[
                {"role":"system","content":"Be terse."},
                {"role":"developer","content":"Use metric units."},
                {"role":"user","content":"Hi","name":"alice"},
                {"role":"user","content":[
                    {"type":"text","text":"What is this?"},
                    {"type":"image_url","image_url":{"url":"https://img.test/cat.png","detail":"low"}},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}
                ]},
                {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}
                ]},
                {"role":"tool","content":"{\"temp\":21}","tool_call_id":"call_1"},
                {"role":"assistant","content":"It is 21°C.","reasoning_content":"looked it up"},
                {"role":"assistant","content":null,"refusal":"I can't help with that."}
            ]"""
                    )
                val actual = messages as JsonArray
                val wanted = expected as JsonArray
                actual.size shouldBe wanted.size
                wanted.forEachIndexed { i, m -> withClue("messages[$i]") { actual[i] shouldBe m } }
                // The arguments and the tool result stay strings on the wire, not nested JSON.
                (actual[4].jsonObject["tool_calls"] as JsonArray)[0]
                    .jsonObject["function"]!!
                    .jsonObject["arguments"] shouldBe JsonPrimitive("""{"city":"Paris"}""")
            }

            test(
                "[$call] tools with a Map schema and a RawJson schema, and tool_choice naming a function"
            ) {
                val body =
                    send(
                        call,
                        base()
                            .addTool(
                                Tool.builder("get_weather")
                                    .description("Current weather for a city")
                                    .parameters(
                                        mapOf(
                                            "type" to "object",
                                            "properties" to
                                                mapOf(
                                                    "city" to mapOf("type" to "string"),
                                                    "days" to
                                                        mapOf("type" to "integer", "maximum" to 7),
                                                ),
                                            "required" to listOf("city"),
                                            "additionalProperties" to false,
                                        )
                                    )
                                    .strict(true)
                                    .build()
                            )
                            .addTool(
                                Tool.builder("search")
                                    .parameters(
                                        RawJson.of(
                                            """{ "type": "object", "properties": { "q": { "type": "string" } } }"""
                                        )
                                    )
                                    .build()
                            )
                            .addTool(Tool.function("ping", null, null))
                            .toolChoice(ToolChoice.function("get_weather"))
                            .build(),
                    )
                body["tools"] shouldBe
                    json(
                        """[
                {"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","maximum":7}},
                                "required":["city"],"additionalProperties":false},
                  "strict":true}},
                {"type":"function","function":{"name":"search","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}},
                {"type":"function","function":{"name":"ping"}}
            ]"""
                    )
                body["tool_choice"] shouldBe
                    json("""{"type":"function","function":{"name":"get_weather"}}""")
            }

            test("[$call] tool_choice modes are sent as strings") {
                for ((choice, wire) in
                    listOf(
                        ToolChoice.auto() to "auto",
                        ToolChoice.none() to "none",
                        ToolChoice.required() to "required",
                    )) {
                    val body =
                        send(
                            call,
                            base()
                                .addTool(Tool.function("ping", null, null))
                                .toolChoice(choice)
                                .build(),
                        )
                    withClue(wire) { body["tool_choice"] shouldBe JsonPrimitive(wire) }
                }
            }

            test("[$call] every sampling field under its wire name") {
                val body =
                    send(
                        call,
                        base()
                            .temperature(0.1)
                            .topP(0.9)
                            .maxTokens(100)
                            .maxCompletionTokens(200)
                            .stop("END", "\n")
                            .seed(42L)
                            .n(2)
                            .presencePenalty(0.5)
                            .frequencyPenalty(-0.5)
                            .logitBias(mapOf("50256" to -100, "13" to 5))
                            .logprobs(true)
                            .topLogprobs(3)
                            .user("end-user-7")
                            .reasoningEffort("high")
                            .parallelToolCalls(false)
                            .build(),
                    )
                val expected =
                    mapOf(
                        "temperature" to "0.1",
                        "top_p" to "0.9",
                        "max_tokens" to "100",
                        "max_completion_tokens" to "200",
                        "stop" to """["END","\n"]""",
                        "seed" to "42",
                        "n" to "2",
                        "presence_penalty" to "0.5",
                        "frequency_penalty" to "-0.5",
                        "logit_bias" to """{"50256":-100,"13":5}""",
                        "logprobs" to "true",
                        "top_logprobs" to "3",
                        "user" to "\"end-user-7\"",
                        "reasoning_effort" to "\"high\"",
                        "parallel_tool_calls" to "false",
                    )
                for ((key, value) in expected) withClue(key) { body[key] shouldBe json(value) }
                body.keys shouldBe baseKeys(call) + expected.keys
            }

            test("[$call] response_format json_schema (Map and RawJson) and json_object") {
                val mapSchema =
                    send(
                        call,
                        base()
                            .responseFormat(
                                ResponseFormat.jsonSchema(
                                    "weather",
                                    mapOf(
                                        "type" to "object",
                                        "properties" to mapOf("temp" to mapOf("type" to "number")),
                                        "required" to listOf("temp"),
                                    ),
                                    true,
                                    "The weather report",
                                )
                            )
                            .build(),
                    )
                mapSchema["response_format"] shouldBe
                    json(
                        """{"type":"json_schema","json_schema":{
                "name":"weather","description":"The weather report",
                "schema":{"type":"object","properties":{"temp":{"type":"number"}},"required":["temp"]},
                "strict":true}}"""
                    )

                val rawSchema =
                    send(
                        call,
                        base()
                            .responseFormat(
                                ResponseFormat.jsonSchema(
                                    "answer",
                                    RawJson.of("""{"type":"object"}"""),
                                )
                            )
                            .build(),
                    )
                rawSchema["response_format"] shouldBe
                    json(
                        """{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"}}}"""
                    )

                val jsonObject =
                    send(call, base().responseFormat(ResponseFormat.jsonObject()).build())
                jsonObject["response_format"] shouldBe json("""{"type":"json_object"}""")
            }

            test(
                "[$call] all ${RoutingOptions.WIRE_NAMES.size} routing fields under gateway.routing with their wire names"
            ) {
                val routing =
                    RoutingOptions.builder()
                        .optimize(Optimize.COST_FOCUS)
                        .weights(mapOf("cost" to 0.5, "ttft" to 0.25))
                        .maxCostPer1m(2.5)
                        .maxTtftMs(300)
                        .minThroughputTps(40.5)
                        .minSuccessRate(0.95)
                        .providers("openai", "anthropic")
                        .excludeProviders("groq")
                        .prefer("openai")
                        .mode(RoutingMode.FALLBACK)
                        .allowFallbacks(true)
                        .maxFallbackAttempts(3)
                        .dataPolicy(DataPolicy.of("no-training"))
                        .onlyByok(false)
                        .onlyPlatform(true)
                        .build()
                val expected =
                    mapOf(
                        "optimize" to "\"cost-focus\"",
                        "weights" to """{"cost":0.5,"ttft":0.25}""",
                        "max_cost_per_1m" to "2.5",
                        "max_ttft_ms" to "300",
                        "min_throughput_tps" to "40.5",
                        "min_success_rate" to "0.95",
                        "providers" to """["openai","anthropic"]""",
                        "exclude_providers" to """["groq"]""",
                        "prefer" to "\"openai\"",
                        "mode" to "\"fallback\"",
                        "allow_fallbacks" to "true",
                        "max_fallback_attempts" to "3",
                        "data_policy" to "\"no-training\"",
                        "only_byok" to "false",
                        "only_platform" to "true",
                    )
                // The test itself covers every field the model declares.
                expected.keys shouldBe RoutingOptions.WIRE_NAMES.toSet()

                val body = send(call, base().routing(routing).build())
                val gateway = body["gateway"].shouldNotBeNull().jsonObject
                gateway.keys shouldBe setOf("routing")
                val wire = gateway["routing"].shouldNotBeNull().jsonObject
                for (name in RoutingOptions.WIRE_NAMES) {
                    withClue("gateway.routing.$name") {
                        wire[name] shouldBe json(expected.getValue(name))
                    }
                }
                wire.keys shouldBe RoutingOptions.WIRE_NAMES.toSet()
                body.containsKey("routing") shouldBe false
            }

            test("[$call] metadata under gateway.metadata, beside routing") {
                val body =
                    send(
                        call,
                        base()
                            .routing(RoutingOptions.builder().optimize(Optimize.TTFT).build())
                            .metadata(
                                RequestMetadata.builder()
                                    .addTag("checkout")
                                    .addTag("beta")
                                    .userId("user-42")
                                    .traceId("trace-abc")
                                    .putCustomField("env", "prod")
                                    .putCustomField("team", "ml")
                                    .build()
                            )
                            .build(),
                    )
                body["gateway"] shouldBe
                    json(
                        """{
                "routing":{"optimize":"ttft"},
                "metadata":{"tags":["checkout","beta"],"user_id":"user-42","trace_id":"trace-abc",
                            "custom_fields":{"env":"prod","team":"ml"}}}"""
                    )
                body.containsKey("metadata") shouldBe false
            }

            test("[$call] metadata alone gives a gateway object without routing") {
                val body =
                    send(
                        call,
                        base().metadata(RequestMetadata.builder().userId("u").build()).build(),
                    )
                body["gateway"] shouldBe json("""{"metadata":{"user_id":"u"}}""")
            }

            test(
                "[$call] no gateway key when neither routing nor metadata is set, or both are empty"
            ) {
                send(call, base().build()).containsKey("gateway") shouldBe false
                val empty =
                    send(
                        call,
                        base()
                            .routing(RoutingOptions.builder().build())
                            .metadata(RequestMetadata.builder().build())
                            .build(),
                    )
                empty.containsKey("gateway") shouldBe false
            }

            test(
                "[$call] extensions: thinking with budget_tokens, and provider objects passed through"
            ) {
                val body =
                    send(
                        call,
                        base()
                            .extensions(
                                Extensions.builder()
                                    .thinking(ThinkingOptions.enabled(4096))
                                    .put(
                                        "anthropic",
                                        mapOf("top_k" to 5, "metadata" to mapOf("user_id" to "u1")),
                                    )
                                    .put(
                                        "openai",
                                        RawJson.of(
                                            """{"store": false, "prediction": [1, 2.5, "x", null]}"""
                                        ),
                                    )
                                    .put("vendor_x", null)
                                    .build()
                            )
                            .build(),
                    )
                body["extensions"] shouldBe
                    json(
                        """{
                "thinking":{"enabled":true,"budget_tokens":4096},
                "anthropic":{"top_k":5,"metadata":{"user_id":"u1"}},
                "openai":{"store":false,"prediction":[1,2.5,"x",null]},
                "vendor_x":null}"""
                    )
            }

            test("[$call] thinking without a budget, thinking disabled, and empty extensions") {
                send(
                    call,
                    base()
                        .extensions(
                            Extensions.builder().thinking(ThinkingOptions.enabled()).build()
                        )
                        .build(),
                )["extensions"] shouldBe json("""{"thinking":{"enabled":true}}""")
                send(
                    call,
                    base()
                        .extensions(
                            Extensions.builder().thinking(ThinkingOptions.disabled()).build()
                        )
                        .build(),
                )["extensions"] shouldBe json("""{"thinking":{"enabled":false}}""")
                send(call, base().extensions(Extensions.builder().build()).build())
                    .containsKey("extensions") shouldBe false
            }

            test(
                "[$call] extra body fields are added at the top level and override standard fields"
            ) {
                val body =
                    send(
                        call,
                        base()
                            .temperature(0.1)
                            .topP(0.5)
                            .putExtraBody("temperature", 0.9)
                            .putExtraBody("top_p", null)
                            .putExtraBody("custom_flag", true)
                            .putExtraBody(
                                "provider_hint",
                                mapOf("region" to "eu", "ids" to listOf(1, 2)),
                            )
                            .putExtraBody("raw_field", RawJson.of("[1, {\"a\": null}]"))
                            .build(),
                    )
                body["temperature"] shouldBe JsonPrimitive(0.9)
                body["top_p"] shouldBe JsonNull
                body["custom_flag"] shouldBe JsonPrimitive(true)
                body["provider_hint"] shouldBe json("""{"region":"eu","ids":[1,2]}""")
                body["raw_field"] shouldBe json("""[1,{"a":null}]""")
                body["model"] shouldBe JsonPrimitive("gpt-4o")
            }

            test(
                "[$call] extra body can replace model and whole gateway objects (merged last, not deep-merged)"
            ) {
                val body =
                    send(
                        call,
                        base()
                            .routing(
                                RoutingOptions.builder()
                                    .optimize(Optimize.COST)
                                    .maxTtftMs(100)
                                    .build()
                            )
                            .putExtraBody("model", "other-model")
                            .putExtraBody("gateway", mapOf("routing" to mapOf("optimize" to "tps")))
                            .build(),
                    )
                body["model"] shouldBe JsonPrimitive("other-model")
                body["gateway"] shouldBe json("""{"routing":{"optimize":"tps"}}""")
            }
        }

        // ---- stream and stream_options
        // -------------------------------------------------------------

        test(
            "extra body 'stream' is merged last too: it overrides the flag the client sets (create sends stream=true)"
        ) {
            val body = send(Call.CREATE, base().putExtraBody("stream", true).build())
            body["stream"] shouldBe JsonPrimitive(true)
            // the client's own stream_options are still only written for streaming calls
            body.containsKey("stream_options") shouldBe false
        }

        test(
            "extra body 'stream' is merged last too: it overrides the flag the client sets (stream sends stream=false)"
        ) {
            val body = send(Call.STREAM, base().putExtraBody("stream", false).build())
            body["stream"] shouldBe JsonPrimitive(false)
            body["stream_options"] shouldBe json("""{"include_usage":true}""")
        }

        test(
            "extra body 'stream_options' replaces the client's stream_options, and is sent even on create"
        ) {
            send(
                Call.STREAM,
                base().putExtraBody("stream_options", mapOf("include_usage" to false)).build(),
            )["stream_options"] shouldBe json("""{"include_usage":false}""")
            send(
                Call.CREATE,
                base().putExtraBody("stream_options", mapOf("include_usage" to false)).build(),
            )["stream_options"] shouldBe json("""{"include_usage":false}""")
        }

        test("stream: stream_options.include_usage is true by default") {
            val body = send(Call.STREAM, base().build())
            body["stream"] shouldBe JsonPrimitive(true)
            body["stream_options"] shouldBe json("""{"include_usage":true}""")
        }

        test(
            "stream: StreamOptions.of(false) sends include_usage false, StreamOptions.of(true) sends true"
        ) {
            send(Call.STREAM, base().streamOptions(StreamOptions.of(false)).build())[
                "stream_options"] shouldBe json("""{"include_usage":false}""")
            send(Call.STREAM, base().streamOptions(StreamOptions.of(true)).build())[
                "stream_options"] shouldBe json("""{"include_usage":true}""")
        }

        test(
            "create: stream is false and stream_options is absent, even when the request sets StreamOptions"
        ) {
            for (options in listOf(StreamOptions.of(false), StreamOptions.of(true))) {
                val body = send(Call.CREATE, base().streamOptions(options).build())
                withClue("$options") {
                    body["stream"] shouldBe JsonPrimitive(false)
                    body.containsKey("stream_options") shouldBe false
                }
            }
        }

        // ---- Kotlin DSL
        // ----------------------------------------------------------------------------

        test(
            "DSL: a request that sets only model builds (the DSL's empty models list is not 'both set')"
        ) {
            val request = chatCompletionRequest {
                model = "gpt-4o"
                messages { user("Hi") }
            }
            request.model() shouldBe "gpt-4o"
            request.models().shouldBeEmpty()
        }

        test("DSL: a request that sets only models builds") {
            val request = chatCompletionRequest {
                models = listOf("gpt-4o", "claude-sonnet-4")
                messages { user("Hi") }
            }
            request.model() shouldBe null
            request.models() shouldBe listOf("gpt-4o", "claude-sonnet-4")
        }

        for (call in Call.values()) {
            test(
                "[$call] DSL request encodes to exactly the same JSON as the equivalent Java-builder request"
            ) {
                val dsl = chatCompletionRequest {
                    model = "gpt-4o"
                    messages {
                        system("You are terse.")
                        user("Hello!")
                    }
                    routing {
                        optimize = Optimize.COST
                        maxTtftMs = 200
                    }
                    metadata {
                        tags("a")
                        userId = "u"
                    }
                    extensions { thinking(2048) }
                }
                val java =
                    ChatCompletionRequest.builder()
                        .model("gpt-4o")
                        .addMessage(ChatMessage.system("You are terse."))
                        .addMessage(ChatMessage.user("Hello!"))
                        .routing(
                            RoutingOptions.builder().optimize(Optimize.COST).maxTtftMs(200).build()
                        )
                        .metadata(RequestMetadata.builder().addTag("a").userId("u").build())
                        .extensions(
                            Extensions.builder().thinking(ThinkingOptions.enabled(2048)).build()
                        )
                        .build()
                dsl shouldBe java
                val dslText = sendRaw(call, dsl)
                val javaText = sendRaw(call, java)
                dslText shouldBe javaText
                val body = parse(dslText)
                body["gateway"] shouldBe
                    json(
                        """{"routing":{"optimize":"cost","max_ttft_ms":200},"metadata":{"tags":["a"],"user_id":"u"}}"""
                    )
                body["extensions"] shouldBe
                    json("""{"thinking":{"enabled":true,"budget_tokens":2048}}""")
            }

            test("[$call] DSL with every field encodes like the Java builder") {
                val dsl = chatCompletionRequest {
                    models = listOf("gpt-4o", "claude-sonnet-4")
                    messages {
                        system("sys")
                        developer("dev")
                        user("plain")
                        user {
                            text("What is this?")
                            image("https://img.test/a.png", ImageDetail.HIGH)
                        }
                        assistant(null, listOf(ToolCall.function("call_1", "get_weather", "{}")))
                        tool("call_1", "sunny")
                        assistant("done")
                    }
                    tools {
                        function("get_weather", "Weather", mapOf("type" to "object"), strict = true)
                        functionJson("search", parametersJson = """{"type":"object"}""")
                    }
                    toolChoice = ToolChoice.required()
                    parallelToolCalls = true
                    temperature = 0.2
                    topP = 0.8
                    maxTokens = 50
                    maxCompletionTokens = 60
                    stop = listOf("STOP")
                    seed = 7L
                    n = 1
                    presencePenalty = 0.1
                    frequencyPenalty = 0.2
                    logitBias = mapOf("1" to 10)
                    logprobs = true
                    topLogprobs = 2
                    user = "end-user"
                    reasoningEffort = "low"
                    responseFormat = ResponseFormat.jsonObject()
                    includeUsage = false
                    routing {
                        optimize = Optimize.BALANCED
                        weights = mapOf("cost" to 0.7)
                        maxCostPer1m = 1.5
                        maxTtftMs = 500
                        minThroughputTps = 20.0
                        minSuccessRate = 0.9
                        providers = listOf("openai")
                        excludeProviders = listOf("groq")
                        prefer = "openai"
                        mode = RoutingMode.POOL
                        allowFallbacks = false
                        maxFallbackAttempts = 2
                        dataPolicy = DataPolicy.of("zdr")
                        onlyByok = true
                        onlyPlatform = false
                    }
                    metadata {
                        tags("a", "b")
                        userId = "u"
                        traceId = "t"
                        customField("k", "v")
                    }
                    extensions {
                        thinking()
                        provider("anthropic", mapOf("top_k" to 5))
                    }
                    extraBody("x_custom", 1)
                }
                val java =
                    ChatCompletionRequest.builder()
                        .models("gpt-4o", "claude-sonnet-4")
                        .addMessage(ChatMessage.system("sys"))
                        .addMessage(ChatMessage.developer("dev"))
                        .addMessage(ChatMessage.user("plain"))
                        .addMessage(
                            ChatMessage.user(
                                ContentPart.text("What is this?"),
                                ContentPart.imageUrl("https://img.test/a.png", ImageDetail.HIGH),
                            )
                        )
                        .addMessage(
                            ChatMessage.assistant(
                                null,
                                listOf(ToolCall.function("call_1", "get_weather", "{}")),
                            )
                        )
                        .addMessage(ChatMessage.tool("call_1", "sunny"))
                        .addMessage(ChatMessage.assistant("done"))
                        .addTool(
                            Tool.builder("get_weather")
                                .description("Weather")
                                .parameters(mapOf("type" to "object"))
                                .strict(true)
                                .build()
                        )
                        .addTool(
                            Tool.builder("search")
                                .parameters(RawJson.of("""{"type":"object"}"""))
                                .build()
                        )
                        .toolChoice(ToolChoice.required())
                        .parallelToolCalls(true)
                        .temperature(0.2)
                        .topP(0.8)
                        .maxTokens(50)
                        .maxCompletionTokens(60)
                        .stop("STOP")
                        .seed(7L)
                        .n(1)
                        .presencePenalty(0.1)
                        .frequencyPenalty(0.2)
                        .logitBias(mapOf("1" to 10))
                        .logprobs(true)
                        .topLogprobs(2)
                        .user("end-user")
                        .reasoningEffort("low")
                        .responseFormat(ResponseFormat.jsonObject())
                        .streamOptions(StreamOptions.of(false))
                        .routing(
                            RoutingOptions.builder()
                                .optimize(Optimize.BALANCED)
                                .weights(mapOf("cost" to 0.7))
                                .maxCostPer1m(1.5)
                                .maxTtftMs(500)
                                .minThroughputTps(20.0)
                                .minSuccessRate(0.9)
                                .providers("openai")
                                .excludeProviders("groq")
                                .prefer("openai")
                                .mode(RoutingMode.POOL)
                                .allowFallbacks(false)
                                .maxFallbackAttempts(2)
                                .dataPolicy(DataPolicy.of("zdr"))
                                .onlyByok(true)
                                .onlyPlatform(false)
                                .build()
                        )
                        .metadata(
                            RequestMetadata.builder()
                                .addTag("a")
                                .addTag("b")
                                .userId("u")
                                .traceId("t")
                                .putCustomField("k", "v")
                                .build()
                        )
                        .extensions(
                            Extensions.builder()
                                .thinking(ThinkingOptions.enabled())
                                .put("anthropic", mapOf("top_k" to 5))
                                .build()
                        )
                        .putExtraBody("x_custom", 1)
                        .build()
                dsl shouldBe java
                val dslText = sendRaw(call, dsl)
                dslText shouldBe sendRaw(call, java)
                val body = parse(dslText)
                body.containsKey("model") shouldBe false
                body["x_custom"] shouldBe JsonPrimitive(1)
                parse(dslText)["gateway"]!!.jsonObject["routing"]!!.jsonObject.keys shouldBe
                    RoutingOptions.WIRE_NAMES.toSet()
                if (call == Call.STREAM)
                    body["stream_options"] shouldBe json("""{"include_usage":false}""")
            }
        }

        test("client.chat.completions.stream { ... } DSL overload works end to end") {
            gatewayMock().use { mock ->
                val stream =
                    mock.client.chat.completions.stream {
                        model = "gpt-4o"
                        messages {
                            system("Be terse.")
                            user("Hi")
                        }
                        routing { optimize = Optimize.TTFT }
                        includeUsage = false
                    }
                mock.requests.shouldBeEmpty() // cold: nothing is sent before collection
                val chunks = stream.toList()
                chunks
                    .mapNotNull { it.choices.firstOrNull()?.delta?.content }
                    .joinToString("") shouldBe "ok"
                stream.completion.shouldNotBeNull().content shouldBe "ok"
                val request = mock.requests.single()
                request.headers[HttpHeaders.Accept] shouldBe "text/event-stream"
                val body = request.bodyJson()
                body["model"] shouldBe JsonPrimitive("gpt-4o")
                body["messages"] shouldBe
                    json(
                        """[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}]"""
                    )
                body["stream"] shouldBe JsonPrimitive(true)
                body["stream_options"] shouldBe json("""{"include_usage":false}""")
                body["gateway"] shouldBe json("""{"routing":{"optimize":"ttft"}}""")
            }
        }

        test("client.chat.completions.create { ... } DSL overload works end to end") {
            gatewayMock().use { mock ->
                val completion =
                    mock.client.chat.completions.create {
                        model = "gpt-4o"
                        messages { user("Hi") }
                        temperature = 0.3
                    }
                completion.content shouldBe "ok"
                val body = mock.requests.single().bodyJson()
                body["model"] shouldBe JsonPrimitive("gpt-4o")
                body["temperature"] shouldBe JsonPrimitive(0.3)
                body["stream"] shouldBe JsonPrimitive(false)
            }
        }

        test(
            "an invalid DSL request (temperature = 3.0) throws InvalidRequestException before any request reaches the engine"
        ) {
            gatewayMock().use { mock ->
                val fromStream =
                    shouldThrow<InvalidRequestException> {
                        mock.client.chat.completions.stream {
                            model = "gpt-4o"
                            messages { user("Hi") }
                            temperature = 3.0
                        }
                    }
                fromStream.param() shouldBe "temperature"
                val fromCreate =
                    shouldThrow<InvalidRequestException> {
                        mock.client.chat.completions.create {
                            model = "gpt-4o"
                            messages { user("Hi") }
                            temperature = 3.0
                        }
                    }
                fromCreate.param() shouldBe "temperature"
                fromCreate.statusCode() shouldBe 0
                mock.requests.shouldBeEmpty()
            }
        }
    })

/** Which endpoint method sends the request. */
private enum class Call {
    CREATE,
    STREAM,
}

private const val COMPLETION_JSON =
    """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o",""" +
        """"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],""" +
        """"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"""

private const val SSE_BODY =
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\"," +
        "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\"," +
        "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: [DONE]\n\n"

/**
 * A MockClient answering streams (Accept: text/event-stream) with [SSE_BODY] and everything else
 * with [COMPLETION_JSON].
 */
private fun gatewayMock(): MockClient =
    MockClient({ request ->
        if (request.headers[HttpHeaders.Accept] == "text/event-stream") {
            respond(
                SSE_BODY,
                HttpStatusCode.OK,
                headersOf(HttpHeaders.ContentType, "text/event-stream"),
            )
        } else {
            respond(
                COMPLETION_JSON,
                HttpStatusCode.OK,
                headersOf(HttpHeaders.ContentType, "application/json"),
            )
        }
    })

private fun base(): ChatCompletionRequest.Builder =
    ChatCompletionRequest.builder().model("gpt-4o").addMessage(ChatMessage.user("Hi"))

private fun baseKeys(call: Call): Set<String> =
    if (call == Call.STREAM) setOf("model", "messages", "stream", "stream_options")
    else setOf("model", "messages", "stream")

private fun json(text: String): JsonElement = Json.parseToJsonElement(text)

private fun parse(text: String): JsonObject = Json.parseToJsonElement(text).jsonObject

private fun HttpRequestData.bodyText(): String =
    body.shouldBeInstanceOf<OutgoingContent.ByteArrayContent>().bytes().decodeToString()

private fun HttpRequestData.bodyJson(): JsonObject = parse(bodyText())

/**
 * Sends [request] through [call] on a fresh MockClient and returns the body text that reached the
 * engine.
 */
private suspend fun sendRaw(call: Call, request: ChatCompletionRequest): String =
    gatewayMock().use { mock ->
        when (call) {
            Call.CREATE -> mock.client.chat.completions.create(request).content shouldBe "ok"
            Call.STREAM -> {
                val stream = mock.client.chat.completions.stream(request)
                stream.collect {}
                stream.completion.shouldNotBeNull().content shouldBe "ok"
            }
        }
        mock.requests.single().bodyText()
    }

private suspend fun send(call: Call, request: ChatCompletionRequest): JsonObject =
    parse(sendRaw(call, request))
