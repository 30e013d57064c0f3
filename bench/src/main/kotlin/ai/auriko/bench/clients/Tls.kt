package ai.auriko.bench.clients

import java.io.File
import java.security.KeyStore
import java.security.cert.X509Certificate
import java.util.concurrent.TimeUnit
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager

/**
 * What a client needs to reach the bench's TLS server: a context trusting its self-signed
 * certificate (and nothing else), that certificate's trust manager, and whether to offer HTTP/2
 * ([http2]) or HTTP/1.1 only.
 */
class Tls(val context: SSLContext, val trustManager: X509TrustManager, val http2: Boolean)

/**
 * The self-signed certificate of the TLS scenarios, made at run time with `keytool` into a PKCS12
 * file: for 127.0.0.1 and localhost (subject alternative names), so clients verify the host name as
 * they do in production. The runner makes it once and hands its path to every fork
 * (`-Dbench.keystore`); a fork run by hand makes its own.
 */
object SelfSigned {
    /** Not a secret: it guards a throwaway key that only ever serves 127.0.0.1. */
    private const val PASSWORD = "bench-pass"
    private const val ALIAS = "bench"

    /** The keystore's file, made on first use unless `bench.keystore` names one. */
    val keystore: File by lazy {
        System.getProperty("bench.keystore")?.let(::File)?.takeIf { it.isFile }
            ?: File.createTempFile("bench-tls", ".p12").also {
                it.deleteOnExit()
                make(it)
            }
    }

    /** Makes a keystore with a fresh RSA key and its self-signed certificate at [file]. */
    fun make(file: File) {
        file.delete()
        val keytool = File(System.getProperty("java.home"), "bin/keytool").path
        val process =
            ProcessBuilder(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    ALIAS,
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "2",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    file.path,
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD,
                )
                .redirectErrorStream(true)
                .start()
        val output = process.inputStream.bufferedReader().readText()
        check(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 && file.isFile) {
            "keytool failed: $output"
        }
    }

    private fun load(): KeyStore =
        KeyStore.getInstance("PKCS12").apply {
            keystore.inputStream().use { load(it, PASSWORD.toCharArray()) }
        }

    /** The server's context: the key and its certificate. */
    fun serverContext(): SSLContext {
        val keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
        keys.init(load(), PASSWORD.toCharArray())
        return SSLContext.getInstance("TLS").apply { init(keys.keyManagers, null, null) }
    }

    /** A client's [Tls], trusting only the certificate. */
    fun clientTls(http2: Boolean): Tls {
        val certificate = load().getCertificate(ALIAS) as X509Certificate
        val anchors =
            KeyStore.getInstance(KeyStore.getDefaultType()).apply {
                load(null, null)
                setCertificateEntry(ALIAS, certificate)
            }
        val factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
        factory.init(anchors)
        val trust = factory.trustManagers.filterIsInstance<X509TrustManager>().first()
        val context = SSLContext.getInstance("TLS").apply { init(null, arrayOf(trust), null) }
        return Tls(context, trust, http2)
    }
}
