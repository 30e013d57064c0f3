package ai.auriko.client.internal

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttpConfig
import java.io.IOException
import java.util.WeakHashMap
import okhttp3.Interceptor
import okhttp3.Response

/**
 * Makes "the client follows no redirect" hold for an engine the user built. Ktor's `followRedirects
 * = false` switches off only Ktor's own redirect plugin; an OkHttp engine created with `config {
 * followRedirects(true) }` (or a `preconfigured` OkHttpClient that follows) would follow inside
 * OkHttp — 301/302 turned into GETs, 307/308 resending the POST, `x-api-key`, cookies and custom
 * headers sent to the other host. So the client appends, through Ktor's public `OkHttpConfig.config
 * { }` and `addNetworkInterceptor` (no reflection: the engine builds its OkHttpClient lazily, from
 * the config as it is at the first request):
 * - `followRedirects(false)` and `followSslRedirects(false)`, run after the user's own blocks, so a
 *   3xx reaches the SDK and is reported as an error naming its `Location`;
 * - a network interceptor that refuses to send any request whose URL is not the one the call
 *   started with, in case something re-enables following later (a block the user appends after
 *   building the client): the follow-up fails as an [IOException] before a byte reaches the other
 *   host.
 *
 * This changes the engine the user passed: another Ktor client sharing it stops following redirects
 * too (README, Security). CIO follows none itself (Ktor's plugin, switched off, is the only
 * follower); other engines are the user's to configure.
 */
internal object RedirectGuard {
    private val guarded = WeakHashMap<OkHttpConfig, Unit>()

    fun install(engine: HttpClientEngine) {
        val config = engine.config as? OkHttpConfig ?: return
        // Once per engine: each config { } call nests the blocks before it.
        synchronized(guarded) { if (guarded.put(config, Unit) != null) return }
        config.config {
            followRedirects(false)
            followSslRedirects(false)
        }
        config.addNetworkInterceptor(NoFollowUps)
    }

    private object NoFollowUps : Interceptor {
        override fun intercept(chain: Interceptor.Chain): Response {
            val request = chain.request()
            if (request.url != chain.call().request().url)
                throw IOException(
                    "the HTTP engine tried to follow a redirect; the client follows none (credentials must not " +
                        "reach another URL): switch redirect following off in your OkHttp engine"
                )
            return chain.proceed(request)
        }
    }
}
