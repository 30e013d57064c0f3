package ai.auriko.client

/** The SDK's version, read from a resource Maven fills in at build time (no reflection). */
internal object SdkVersion {
    val VERSION: String by lazy {
        val props = java.util.Properties()
        SdkVersion::class.java.getResourceAsStream("/ai/auriko/client/version.properties")?.use {
            props.load(it)
        }
        props.getProperty("version") ?: "unknown"
    }
}
