package ai.auriko.sse;

import static ai.auriko.testing.EventStreamCase.comment;
import static ai.auriko.testing.EventStreamCase.concat;
import static ai.auriko.testing.EventStreamCase.event;
import static ai.auriko.testing.EventStreamCase.message;
import static ai.auriko.testing.EventStreamCase.repeat;
import static ai.auriko.testing.EventStreamCase.retry;
import static ai.auriko.testing.EventStreamCase.utf8;

import ai.auriko.testing.EventStreamCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event-stream parsing cases of web-platform-tests' {@code eventsource/} directory (repository
 * web-platform-tests/wpt; the {@code .htm} tests as vendored in servo/servo under {@code
 * tests/wpt/web-platform-tests/eventsource/}, their {@code .js}/{@code .any.js} forms in wpt
 * itself, which carry the same streams), ported to {@link SseDecoder}.
 *
 * <p>Each test there opens an {@code EventSource} on a server script and checks the events the
 * browser fires. The script's body is rebuilt here byte for byte: {@code resources/message.py}
 * answers {@code message + ("" if newline=none else "\n\n") + "\n"}, {@code
 * resources/last-event-id.py} answers {@code "id: " + idvalue + "\nretry: 200\ndata: hello\n\n"}
 * (idvalue defaults to U+2026 in UTF-8) when no Last-Event-ID header is sent, {@code
 * resources/last-event-id2.py} answers one of three fixed streams, {@code resources/message2.py}
 * repeats one block forever (one repetition is used). The expected events are those the browser
 * must fire from that one body: {@code type=null} is the default {@code message} type ({@code
 * onmessage}), {@code id=null} an empty {@code lastEventId}. Comments, which a browser ignores,
 * appear because {@link SseListener#onComment} reports them. The cases are fed whole, byte by byte
 * and at every 2-way split.
 *
 * <p>Not ported, because they test no parsing:
 *
 * <ul>
 *   <li>{@code format-mime-bogus.htm}, {@code format-mime-trailing-semicolon.htm}, {@code
 *       format-mime-valid-bogus.htm}: whether the {@code Content-Type} is accepted is the
 *       transport's decision, before any byte reaches a decoder. ({@code format-utf-8.htm}'s {@code
 *       charset=windows-1252} parameter likewise; its body is ported: always UTF-8.)
 *   <li>Reconnection, which is the {@code EventSource} object's: {@code format-field-id-2.htm} (its
 *       one connection's body is {@code format-field-id.htm}'s; the rest checks the Last-Event-ID
 *       header of the reconnections), and the second-connection halves of {@code
 *       format-field-id.htm}, {@code format-field-id-null.htm} and {@code
 *       format-data-before-final-empty-line.htm}, and the reconnection-delay timing of {@code
 *       format-field-retry.htm} and {@code format-field-retry-bogus.htm} (ported: which {@code
 *       retry} values are reported).
 * </ul>
 */
class WptEventStreamFormatTest {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The body of {@code resources/message.py?message=...}, without {@code newline=none}. */
  private static String messagePy(String message) {
    return message + "\n\n" + "\n";
  }

  /** The body of {@code resources/message.py?message=...&newline=none}. */
  private static String messagePyNoNewline(String message) {
    return message + "\n";
  }

  /** The first-connection body of {@code resources/last-event-id.py?idvalue=...}. */
  private static String lastEventIdPy(String idvalue) {
    return "id: " + idvalue + "\nretry: 200\ndata: hello\n\n";
  }

  private static String wpt(String file, String title) {
    return "wpt eventsource/" + file + " \u203a " + title;
  }

  static Stream<EventStreamCase> cases() {
    String longstring = repeat("x", 2 * 1024); // (new Array(2*1024+1)).join("x")
    return Stream.of(
        EventStreamCase.ofBytes(
            wpt("format-bom.htm", "EventSource: BOM"),
            // message=%EF%BB%BFdata%3A1%0A%0A%EF%BB%BFdata%3A2%0A%0Adata%3A3: only the stream's
            // first
            // BOM is skipped; the second makes the field name U+FEFF followed by "data", which is
            // ignored.
            concat(BOM, utf8("data:1\n\n"), BOM, utf8(messagePy("data:2\n\ndata:3"))),
            message("1"),
            message("3")),
        EventStreamCase.ofBytes(
            wpt("format-bom-2.htm", "EventSource: Double BOM"),
            concat(BOM, BOM, utf8(messagePy("data:1\n\ndata:2\n\ndata:3"))),
            message("2"),
            message("3")),
        EventStreamCase.of(
            wpt("format-comments.htm", "EventSource: comment fest"),
            messagePyNoNewline(
                "data:1\r:\0\n:\r\ndata:2\n:"
                    + longstring
                    + "\rdata:3\n:data:fail\r:"
                    + longstring
                    + "\ndata:4\n"),
            comment("\0"),
            comment(""),
            comment(longstring),
            comment("data:fail"),
            comment(longstring),
            message("1\n2\n3\n4")),
        EventStreamCase.of(
                wpt(
                    "format-data-before-final-empty-line.htm",
                    "EventSource: a data before final empty line"),
                // The event after "id:test" never gets its blank line: discarded, and its id with
                // it (the browser's replay of test1 on reconnection has lastEventId "").
                messagePyNoNewline("retry:1000\ndata:test1\n\nid:test\ndata:test2"),
                retry(1000),
                message("test1"))
            .endsIncomplete(),
        EventStreamCase.of(
            wpt("format-field-data.htm", "EventSource: data field parsing"),
            messagePy("data:\n\ndata\ndata\n\ndata:test"),
            message(""),
            message("\n"),
            message("test")),
        EventStreamCase.of(
            wpt("format-field-event-empty.htm", "EventSource: empty \"event\" field"),
            // onmessage fires: an empty event type is the default type.
            messagePy("event: \ndata:data"),
            message("data")),
        EventStreamCase.of(
            wpt("format-field-event.htm", "EventSource: custom event name"),
            messagePy("event:test\ndata:x\n\ndata:x"),
            event(null, "test", "x"),
            message("x")),
        EventStreamCase.of(
            wpt("format-field-id.htm", "EventSource: Last-Event-ID"),
            lastEventIdPy("\u2026"),
            retry(200),
            event("\u2026", null, "hello")),
        EventStreamCase.of(
            wpt("format-field-id-3.htm", "EventSource: lastEventId persists"),
            "id: 1\ndata: 1\n\ndata:2\n\n", // last-event-id2.py?type=1
            event("1", null, "1"),
            event("1", null, "2")),
        EventStreamCase.of(
            wpt("format-field-id-3.htm", "EventSource: lastEventId changes and persists"),
            "id: 1\ndata: 1\n\nid: 2\ndata:2\n\ndata:3\n\n", // type=2
            event("1", null, "1"),
            event("2", null, "2"),
            event("2", null, "3")),
        EventStreamCase.of(
            wpt("format-field-id-3.htm", "EventSource: lastEventId resets"),
            "id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n", // type=3
            event("1", null, "1"),
            message("2"),
            message("3")),
        // format-field-id-null.htm: idvalue=%00%00. wpt's current form of the test
        // (format-field-id-null.window.js) runs the same check over five values: "\0\0", "x\0",
        // "\0x", "x\0x" and " \0". An id containing U+0000 is ignored, so lastEventId stays "".
        idNull("format-field-id-null.htm", "EventSource: U+0000 in id field", "\0\0"),
        idNull("format-field-id-null.window.js", "EventSource: id field set to x%00", "x\0"),
        idNull("format-field-id-null.window.js", "EventSource: id field set to %00x", "\0x"),
        idNull("format-field-id-null.window.js", "EventSource: id field set to x%00x", "x\0x"),
        idNull("format-field-id-null.window.js", "EventSource: id field set to %20%00", " \0"),
        EventStreamCase.of(
            wpt("format-field-parsing.htm", "EventSource: field parsing"),
            messagePyNoNewline(
                "data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3"
                    + "\rdata:\r\n data:32\ndata:4\n"),
            message("\0\n 2\n1\n3\n\n4")),
        EventStreamCase.of(
            wpt("format-field-retry-bogus.htm", "EventSource: \"retry\" field (bogus)"),
            messagePy("retry:3000\nretry:1000x\ndata:x"),
            retry(3000),
            message("x")),
        EventStreamCase.of(
            wpt("format-field-retry-empty.htm", "EventSource: empty retry field"),
            messagePy("retry\ndata:test"),
            message("test")),
        EventStreamCase.of(
            wpt("format-field-retry.htm", "EventSource: \"retry\" field"),
            messagePy("retry:03000\ndata:x"), // "1536 in octal, but should be 3000"
            retry(3000),
            message("x")),
        EventStreamCase.of(
            wpt("format-field-unknown.htm", "EventSource: unknown fields and parsing fun"),
            messagePy(
                "data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test"),
            comment("thisisacommentyay"),
            message("test\n\ntest")),
        EventStreamCase.of(
            wpt("format-leading-space.htm", "EventSource: leading space"),
            messagePy("data:\ttest\rdata: \ndata:test"),
            message("\ttest\n\ntest")),
        EventStreamCase.of(
            wpt("format-newlines.htm", "EventSource: newline fest"),
            messagePyNoNewline("data:test\r\ndata\ndata:test\r\n\r"),
            message("test\n\ntest")),
        EventStreamCase.of(
            wpt("format-null-character.html", "EventSource: null character in response"),
            messagePy("data:\0\n\n"),
            message("\0")),
        EventStreamCase.of(
            wpt("format-utf-8.htm", "EventSource: always UTF-8"),
            messagePy("data:ok\u2026"), // %E2%80%A6, served as charset=windows-1252
            message("ok\u2026")),
        EventStreamCase.of(
            wpt("event-data.html", "EventSource: lines and data parsing"),
            // resources/message2.py, one repetition of its loop
            "data:msg\ndata: msg\n\n:\nfalsefield:msg\n\nfalsefield:msg\nData:data\n\ndata\n\n"
                + "data:end\n\n",
            message("msg\nmsg"),
            comment(""),
            message(""),
            message("end")));
  }

  private static EventStreamCase idNull(String file, String title, String idvalue) {
    return EventStreamCase.of(
        wpt(file, title), lastEventIdPy(idvalue), retry(200), message("hello"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAsTheBrowserMust(EventStreamCase c) {
    c.assertDecodesHoweverSplit();
  }
}
