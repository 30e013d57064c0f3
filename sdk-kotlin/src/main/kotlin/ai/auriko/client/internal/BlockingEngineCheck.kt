package ai.auriko.client.internal

import io.ktor.client.engine.HttpClientEngine

/**
 * Detects an engine that reads response bodies with blocking calls on a dispatcher too small for
 * streams: Ktor's OkHttp engine left on its default, `Dispatchers.IO`. Ktor reads each OkHttp body
 * in a loop of blocking reads on the engine's dispatcher, so every open stream whose model is quiet
 * holds one of its threads; with `Dispatchers.IO`'s 64, the 65th stream (and everything else the
 * application runs on `Dispatchers.IO`) waits until one of them ends (DefaultEngineSpec shows it).
 * Best effort: the engine is recognised by its class name, which a shrinker that renames Ktor's
 * classes hides.
 */
internal object BlockingEngineCheck {
    private const val OKHTTP_ENGINE = "io.ktor.client.engine.okhttp.OkHttpEngine"

    fun warnIfStallable(engine: HttpClientEngine, warn: (String) -> Unit) {
        if (engine.javaClass.name != OKHTTP_ENGINE || engine.config.dispatcher != null) return
        warn(
            "Ktor's OkHttp engine reads each response body with blocking calls on Dispatchers.IO (64 threads for the " +
                "whole JVM): 64 streams waiting for their next token stall every other stream. Set " +
                "`dispatcher = Dispatchers.IO.limitedParallelism(n)` in OkHttp.create { }, n at least the number of " +
                "streams you keep open, or use the default engine (README, Engines)."
        )
    }
}
