package ai.auriko.errors;

/**
 * What had arrived of a streamed result when the stream failed: the type of {@link
 * AurikoException#partialResult()}. The client that threw decides the concrete type — in sdk-kotlin
 * and its Java facade, a chat stream's partial result is a {@code ChatCompletion} — and {@link
 * AurikoException#partialResult(Class)} reads it as that type without an unchecked cast.
 *
 * <p>Implemented by the clients' result types; applications do not implement it.
 */
public interface PartialResult {}
