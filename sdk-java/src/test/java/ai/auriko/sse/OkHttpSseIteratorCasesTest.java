package ai.auriko.sse;

import static ai.auriko.testing.EventStreamCase.comment;
import static ai.auriko.testing.EventStreamCase.event;
import static ai.auriko.testing.EventStreamCase.message;
import static ai.auriko.testing.EventStreamCase.retry;

import ai.auriko.testing.EventStreamCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of OkHttp's {@code ServerSentEventIteratorTest} (repository square/okhttp, {@code
 * okhttp-sse/src/test/java/okhttp3/sse/internal/ServerSentEventIteratorTest.kt}), all 16 of them,
 * ported to {@link SseDecoder}. Each stream is the test's raw string after Kotlin's {@code
 * trimMargin()} (which drops the blank first and last lines, so a test ending in two {@code |}
 * lines ends with {@code "\n\n"}). Fed whole, byte by byte and at every 2-way split.
 *
 * <p>OkHttp's callback has no comments; they appear here because {@link SseListener#onComment}
 * reports them. Where OkHttp departs from the WHATWG rules the case follows the standard and says
 * so ({@code idIgnoredFromEmptyEvent}). Departures its tests do not exercise: its reader accepts a
 * signed {@code retry} value ({@code "-5"}, {@code "+5"}; Kotlin's {@code toLong}), does not ignore
 * an {@code id} containing U+0000 and does not skip a leading byte order mark.
 */
class OkHttpSseIteratorCasesTest {
  private static String okhttp(String test) {
    return "okhttp okhttp-sse/src/test/java/okhttp3/sse/internal/ServerSentEventIteratorTest.kt"
        + " \u203a "
        + test;
  }

  static Stream<EventStreamCase> cases() {
    String multiline = "data: YHOO\ndata: +2\ndata: 10\n\n";
    return Stream.of(
        EventStreamCase.of(okhttp("multiline"), multiline, message("YHOO\n+2\n10")),
        EventStreamCase.of(
            okhttp("multilineCr"), multiline.replace("\n", "\r"), message("YHOO\n+2\n10")),
        EventStreamCase.of(
            okhttp("multilineCrLf"), multiline.replace("\n", "\r\n"), message("YHOO\n+2\n10")),
        EventStreamCase.of(
            okhttp("eventType"),
            "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\n"
                + "data: 113411\n\n",
            event(null, "add", "73857293"),
            event(null, "remove", "2153"),
            event(null, "add", "113411")),
        EventStreamCase.of(
            okhttp("commentsIgnored"),
            ": test stream\n\ndata: first event\nid: 1\n\n",
            comment("test stream"),
            event("1", null, "first event")),
        EventStreamCase.of(
            okhttp("idCleared"),
            "data: first event\nid: 1\n\ndata: second event\nid\n\ndata: third event\n\n",
            event("1", null, "first event"),
            message("second event"),
            message("third event")),
        EventStreamCase.of(
                okhttp("nakedFieldNames"),
                // The last "data:" line never gets its blank line.
                "data\n\ndata\ndata\n\ndata:\n",
                message(""),
                message("\n"))
            .endsIncomplete(),
        EventStreamCase.of(
            okhttp("colonSpaceOptional"),
            "data:test\n\ndata: test\n\n",
            message("test"),
            message("test")),
        EventStreamCase.of(okhttp("leadingWhitespace"), "data:  test\n\n", message(" test")),
        EventStreamCase.of(
            okhttp("idReusedAcrossEvents"),
            "data: first event\nid: 1\n\ndata: second event\n\nid: 2\ndata: third event\n\n",
            event("1", null, "first event"),
            event("1", null, "second event"),
            event("2", null, "third event")),
        EventStreamCase.of(
            okhttp("idIgnoredFromEmptyEvent"),
            // OkHttp departs from the standard here: it expects Event("1", null, "second event"),
            // dropping the id of a block that dispatches nothing. Per WHATWG the id field sets the
            // last event ID buffer when it is processed, and dispatching copies it to the event
            // source even when the data buffer is empty; the next event's lastEventId is "2".
            "data: first event\nid: 1\n\nid: 2\n\ndata: second event\n\n",
            event("1", null, "first event"),
            event("2", null, "second event")),
        EventStreamCase.of(
            okhttp("retry"),
            "retry: 22\n\ndata: first event\nid: 1\n\n",
            retry(22),
            event("1", null, "first event")),
        EventStreamCase.of(
            okhttp("retryInvalidFormatIgnored"), "retry: 22\n\nretry: hey\n", retry(22)),
        EventStreamCase.of(
            okhttp("namePrefixIgnored"),
            "data: a\neventually\ndatabase\nidentity\nretrying\n\n",
            message("a")),
        EventStreamCase.of(
            okhttp("nakedNameClearsIdAndTypeAppendsData"),
            "id: a\nevent: b\ndata: c\nid\nevent\ndata\n\n",
            message("c\n")),
        EventStreamCase.of(okhttp("nakedRetryIgnored"), "retry\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAsTheStandardSays(EventStreamCase c) {
    c.assertDecodesHoweverSplit();
  }
}
