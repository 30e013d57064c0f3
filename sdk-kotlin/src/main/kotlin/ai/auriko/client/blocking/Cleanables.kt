package ai.auriko.client.blocking

import java.lang.ref.Cleaner
import org.codehaus.mojo.animal_sniffer.IgnoreJRERequirement

/**
 * The safety net for streams dropped without `close()`: `java.lang.ref.Cleaner` where the platform
 * has it (Java 9+, Android API 33+). Everything that touches the class is in [Holder], which is
 * initialised on first use, so on an older Android the missing class is caught here instead of
 * failing when the stream class loads.
 */
internal object Cleanables {
    /** A registered action; [clean] runs it at most once. */
    fun interface Registration {
        fun clean()
    }

    private val cleaner: Any? by lazy {
        try {
            Holder.create()
        } catch (e: LinkageError) {
            null
        }
    }

    fun register(owner: Any, action: Runnable): Registration? {
        val c = cleaner ?: return null
        return Holder.register(c, owner, action)
    }

    // The Android API check (animal-sniffer, API 21) skips this object: it is reached only through
    // the LinkageError guard above, so Android before API 33 never runs it.
    @IgnoreJRERequirement
    private object Holder {
        fun create(): Any = Cleaner.create()

        fun register(cleaner: Any, owner: Any, action: Runnable): Registration {
            val cleanable = (cleaner as Cleaner).register(owner, action)
            return Registration { cleanable.clean() }
        }
    }
}
