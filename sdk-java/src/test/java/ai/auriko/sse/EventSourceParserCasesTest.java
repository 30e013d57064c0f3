package ai.auriko.sse;

import static ai.auriko.testing.EventStreamCase.comment;
import static ai.auriko.testing.EventStreamCase.concat;
import static ai.auriko.testing.EventStreamCase.event;
import static ai.auriko.testing.EventStreamCase.message;
import static ai.auriko.testing.EventStreamCase.repeat;
import static ai.auriko.testing.EventStreamCase.retry;
import static ai.auriko.testing.EventStreamCase.utf8;
import static java.util.Arrays.asList;

import ai.auriko.testing.EventStreamCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parsing cases of the npm package {@code eventsource-parser} (repository
 * rexxars/eventsource-parser, {@code test/parse.test.ts} with its streams from {@code
 * test/fixtures.ts}, version 4.1.0), ported to {@link SseDecoder}.
 *
 * <p>The fixtures build their streams with the package {@code eventsource-encoder} 1.0.2: {@code
 * encode({event, retry, id, data})} writes {@code "event: E\n"}, {@code "retry: R\n"}, {@code "id:
 * I\n"} (each only when given, in that order) and then {@code "data: D\n\n"}; {@code
 * encodeComment(c)} writes {@code ": " + c + "\n\n"}. Most fixtures end with {@code encode({event:
 * 'done', data: '✔'})}. The parser takes strings, so where a test feeds bytes decoded as Latin-1
 * (its raw byte order marks) the bytes themselves are fed here. Where a test feeds several chunks
 * they are also fed as those reads; every case is also fed whole, byte by byte and at every 2-way
 * split.
 *
 * <p>The parser's {@code onError} (unknown fields, invalid {@code retry} values) has no
 * counterpart: the spec ignores such lines, and so does the decoder; its {@code onId} callback has
 * none either, so where a test checks it the id is observed on an event that follows (said at each
 * such case).
 *
 * <p>Where the parser departs from the WHATWG rules the case follows the standard: the parser
 * resets an event's {@code id} after every dispatch, where the standard's last event ID persists
 * until the next {@code id} field (only {@code stream of multi-byte events with some empty lines
 * thrown in} has an event after an id-carrying one; its test does not check that event's id).
 * Elsewhere, not affecting a ported assertion: an {@code id:} with an empty value is reported as
 * {@code ''}, which the standard does not tell from no id (the decoder reports {@code null});
 * {@code reset({consume: true})} parses an unterminated last line, which the standard discards at
 * the end of the stream; and a decoded stream starting with the three characters U+00EF U+00BB
 * U+00BF (a BOM decoded as Latin-1) has them stripped, which no decoding of a UTF-8 stream
 * produces.
 *
 * <p>Not ported: {@code stream of multi-byte events} and {@code stream with huge data chunks}
 * (their streams are made of the package's {@code test/multibyte.ts} word lists, not copied here;
 * the huge one is 10 MiB, beyond the decoder's default 8 MiB event cap by design), the three {@code
 * maxBufferSize} tests of what overflowing that option does ({@code triggers on pending fragment
 * overflow}, {@code triggers on data buffer overflow}, {@code feed throws after overflow, until
 * reset}; the decoder's caps are {@code maxLineBytes} and {@code maxEventBytes}, tested in {@link
 * SseDecoderTest}) and {@code passing a function to createParser will throw} (an API check).
 */
class EventSourceParserCasesTest {
  private static final String DONE = "event: done\ndata: \u2714\n\n";
  private static final String DONE_EVENT = event(null, "done", "\u2714");

  private static String esp(String test) {
    return "eventsource-parser test/parse.test.ts \u203a " + test;
  }

  static Stream<EventStreamCase> cases() {
    List<EventStreamCase> cases = new ArrayList<>();

    StringBuilder basic = new StringBuilder();
    for (int i = 0; i < 5; i++) basic.append("data: ").append(i).append("\n\n");
    cases.add(
        EventStreamCase.of(
            esp("basic unnamed events stream"),
            basic + DONE,
            message("0"),
            message("1"),
            message("2"),
            message("3"),
            message("4"),
            DONE_EVENT));

    // The fixture sends new Date().toISOString(); the test matches the shape. A fixed instant here.
    String time = "2026-01-02T03:04:05.678Z";
    StringBuilder times = new StringBuilder();
    List<String> timeEvents = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      times.append("event: time\ndata: ").append(time).append("\n\n");
      timeEvents.add(event(null, "time", time));
    }
    timeEvents.add(DONE_EVENT);
    cases.add(
        EventStreamCase.of(
            esp("stream of `time` event name"), times + DONE, timeEvents.toArray(new String[0])));

    // 30 of encode({id: randomString(), event: 'time', data}), each fed in two random chunks (the
    // 2-way splits here cover those); fixed ids instead of random ones.
    StringBuilder chunked = new StringBuilder();
    List<String> chunkedEvents = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String id = Long.toString(100_000_000_000L + 7919L * i);
      chunked.append("event: time\nid: ").append(id).append("\ndata: ").append(time).append("\n\n");
      chunkedEvents.add(event(id, "time", time));
    }
    cases.add(
        EventStreamCase.of(
            esp("stream of `time` event names, unbalanced chunks"),
            chunked.toString(),
            chunkedEvents.toArray(new String[0])));

    cases.add(
        EventStreamCase.of(
            esp("stream of identified messanges + retry interval"),
            "event: tick\nretry: 50\nid: 1337\ndata: 1337\n\n"
                + "event: tick\nretry: 50\nid: 1338\ndata: 1338\n\n",
            retry(50),
            event("1337", "tick", "1337"),
            retry(50),
            event("1338", "tick", "1338")));

    StringBuilder heartbeats = new StringBuilder();
    List<String> heartbeatEvents = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String letter = String.valueOf((char) ('A' + i));
      heartbeats.append(":  \u2665\n\n").append("data: ").append(letter).append("\n\n");
      heartbeatEvents.add(comment(" \u2665"));
      heartbeatEvents.add(message(letter));
    }
    heartbeatEvents.add(DONE_EVENT);
    cases.add(
        EventStreamCase.of(
            esp("stream of \"heartbeat\" comments, unnamed events"),
            heartbeats + DONE,
            heartbeatEvents.toArray(new String[0])));

    cases.add(
        EventStreamCase.ofReads(
            esp("stream of multi-line data events"),
            asList(
                "event: stock\n",
                "data: YHOO\n",
                "data: +2\n",
                "data: 10\n\n",
                "event: stock\n",
                "data: GOOG\n",
                "data: -8\n",
                "data: 1881\n\n",
                DONE),
            event(null, "stock", "YHOO\n+2\n10"),
            event(null, "stock", "GOOG\n-8\n1881"),
            DONE_EVENT));

    cases.add(
        EventStreamCase.ofReads(
            esp("stream of multi-byte events with some empty lines thrown in"),
            asList(
                "\n\n\n\nid: 1\ndata: \u6211\u73fe\u5728\u90fd\u770b\u5be6\u6cc1\u4e0d\u73a9\u904a\u6232\n\n",
                DONE),
            event("1", null, "\u6211\u73fe\u5728\u90fd\u770b\u5be6\u6cc1\u4e0d\u73a9\u904a\u6232"),
            // The parser gives this event id undefined (it resets the id after each event); per
            // the standard the last event ID persists: "1".
            event("1", "done", "\u2714")));

    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    cases.add(
        EventStreamCase.ofBytes(
            esp("stream of leading bom"),
            concat(bom, utf8("data: bomful 1\n\ndata: bomless 2\n\n" + DONE)),
            message("bomful 1"),
            message("bomless 2"),
            DONE_EVENT));
    // The next two differ upstream only in how the BOMs reach the parser (decoded U+FEFF, or raw
    // bytes as Latin-1 characters); as UTF-8 bytes they are one stream. Only the stream's first
    // BOM is skipped; the second makes the field name U+FEFF followed by "data", which is ignored.
    byte[] multiBom =
        concat(
            bom,
            utf8("data: bomful 1\n\n"),
            bom,
            utf8("data: bomful 2\n\ndata: bomless 3\n\n" + DONE));
    for (String test :
        asList(
            "stream containing decoded U+FEFF byte-order marks (multiple places)",
            "stream containing byte-order mark (multiple places)")) {
      cases.add(
          EventStreamCase.ofBytes(
              esp(test), multiBom, message("bomful 1"), message("bomless 3"), DONE_EVENT));
    }
    cases.add(
        EventStreamCase.ofBytes(
            esp("UTF-8 BOM is stripped when bytes are decoded with a default `TextDecoder`"),
            concat(bom, utf8("data: hello\n\n")),
            message("hello")));
    cases.add(
        EventStreamCase.ofBytes(
            esp(
                "a decoded U+FEFF (from an `ignoreBOM` decoder) is stripped like the raw 3-byte BOM"),
            concat(bom, utf8("data: first\ndata: second\n\n")),
            message("first\nsecond")));

    cases.add(
        EventStreamCase.ofReads(
            esp("stream using carriage returns"),
            asList("data: dog\r", "data: bark\r\r", "data: cat\r", "data: meow\r\r", DONE),
            message("dog\nbark"),
            message("cat\nmeow"),
            DONE_EVENT));
    cases.add(
        EventStreamCase.ofReads(
            esp("stream using line feeds"),
            asList("data: cow\n", "data: moo\n\n", "data: horse\n", "data: neigh\n\n", DONE),
            message("cow\nmoo"),
            message("horse\nneigh"),
            DONE_EVENT));
    cases.add(
        EventStreamCase.ofReads(
            esp("stream using carriage returns and line feeds"),
            asList(
                "data: sheep\r\n",
                "data: bleat\r\n\r\n",
                "data: pig\r\n",
                "data: oink\r\n\r\n",
                DONE),
            message("sheep\nbleat"),
            message("pig\noink"),
            DONE_EVENT));

    // The fixture's last comment is MULTIBYTE_EMOJIS.slice(0, 100) joined with spaces (from
    // test/multibyte.ts, not copied); a few emoji stand in for them. The test checks the data.
    String emoji =
        "\uD83D\uDE36\u200D\uD83C\uDF2B\uFE0F \uD83E\uDEF1\uD83C\uDFFB\u200D\uD83E\uDEF2";
    List<String> commentReads = new ArrayList<>();
    commentReads.addAll(asList(": Hello\n\n", repeat(":", 300), "\n", "data: First\n\n"));
    commentReads.addAll(
        asList(
            ": \u041f\u0435\u0440\u0432\u044b\u0439", ": \u7b2c\u4e8c", "\n", "data: Second\n\n"));
    for (int i = 0; i < 10; i++) commentReads.add(": Moop \n");
    commentReads.addAll(asList(": \u062b\u0627\u0644\u062b", "\n", "data: Third\n\n"));
    commentReads.addAll(
        asList(
            ":\u0d28\u0d3e\u0d32\u0d3e\u0d2e\u0d24\u0d4d\u0d24\u0d46", "\n", "data: Fourth\n\n"));
    commentReads.addAll(asList(": " + emoji + " :", "\n", "data: Fifth\n\n", DONE));
    List<String> commentEvents = new ArrayList<>();
    commentEvents.addAll(asList(comment("Hello"), comment(repeat(":", 299)), message("First")));
    commentEvents.addAll(
        asList(comment("\u041f\u0435\u0440\u0432\u044b\u0439: \u7b2c\u4e8c"), message("Second")));
    for (int i = 0; i < 10; i++) commentEvents.add(comment("Moop "));
    commentEvents.addAll(asList(comment("\u062b\u0627\u0644\u062b"), message("Third")));
    commentEvents.addAll(
        asList(
            comment("\u0d28\u0d3e\u0d32\u0d3e\u0d2e\u0d24\u0d4d\u0d24\u0d46"), message("Fourth")));
    commentEvents.addAll(asList(comment(emoji + " :"), message("Fifth"), DONE_EVENT));
    cases.add(
        EventStreamCase.ofReads(
            esp("stream with varying odd uses of comments"),
            commentReads,
            commentEvents.toArray(new String[0])));

    String longString = repeat("x", 2 * 1024 + 1);
    cases.add(
        EventStreamCase.ofReads(
                esp("stream with even more odd uses of comments"),
                asList(
                    "data:1\r\r:\0\n:\r\ndata:2\n\n:",
                    longString,
                    "\rdata:3\n\n:data:fail\r:",
                    longString,
                    "\ndata:4\n\n",
                    "data:5"), // "No newline after the last message, thus not emitted"
                message("1"),
                comment("\0"),
                comment(""),
                message("2"),
                comment(longString),
                message("3"),
                comment("data:fail"),
                comment(longString),
                message("4"))
            .endsIncomplete());

    cases.add(
        EventStreamCase.ofReads(
            esp("stream with empty `event` field"),
            asList("event:\ndata: Hello 1\n\n", "event:\n\n", DONE),
            message("Hello 1"),
            DONE_EVENT));

    cases.add(
        EventStreamCase.ofReads(
            esp("stream with empty `retry` field"),
            // The parser also reports 'Invalid `retry` value: ""' through onError; the standard
            // ignores the field.
            asList(
                "retry: 500\nid: 1\ndata: \uD83E\uDD4C\n\n",
                "id:2\nretry:\ndata:\uD83E\uDDF9\n\n",
                "id: 3\ndata: \u2705\n\n"),
            retry(500),
            event("1", null, "\uD83E\uDD4C"),
            event("2", null, "\uD83E\uDDF9"),
            event("3", null, "\u2705")));

    cases.add(
        EventStreamCase.ofReads(
            esp("stream with oddly shaped data field"),
            asList("data:\n\ndata\ndata\n\ndata:test\n\n", DONE),
            message(""),
            message("\n"),
            message("test"),
            DONE_EVENT));

    cases.add(
        EventStreamCase.ofReads(
            esp("stream with cr separating chunks of same event"),
            asList("data: A\r\n", "data: B\r", "\n", "data: C\r\n", "\n"),
            message("A\nB\nC")));

    cases.add(
        EventStreamCase.of(
            esp("stream with partially incorrect retry fields"),
            "retry:1000\nretry:2000x\ndata:x\n\n",
            retry(1000),
            message("x")));

    cases.add(
        EventStreamCase.of(
            esp("stream with `id` field containing a NULL character"),
            "id: 123\nid: bad\0id\ndata: hello\n\n",
            event("123", null, "hello")));

    // The test feeds three blocks without data and checks onId after each: '42', nothing new for
    // the id with NUL, then ''. Without onId, a block "data: probe" after each shows the last
    // event ID at that point; the blocks themselves dispatch nothing, as the test also checks.
    cases.add(
        EventStreamCase.ofReads(
            esp("reports an `id` from a block without data when the block is dispatched"),
            asList(
                "id: 42\n",
                "\n",
                "data: probe\n\n",
                "id: bad\0id\n\n",
                "data: probe\n\n",
                "id:\n\n",
                "data: probe\n\n"),
            event("42", null, "probe"),
            event("42", null, "probe"),
            message("probe")));
    cases.add(
        EventStreamCase.of(
            esp("reports an `id` before dispatching an event from the same block"),
            "id: 42\ndata: hello\n\n",
            event("42", null, "hello")));
    for (String[] ending : new String[][] {{"CR", "\r"}, {"CRLF", "\r\n"}}) {
      String end = ending[1];
      cases.add(
          EventStreamCase.of(
              esp("reports an `id` from a block using " + ending[0] + " line endings"),
              // + a probe block, as above, to observe the id that onId would report
              "id: 42" + end + end + "data: probe" + end + end,
              event("42", null, "probe")));
    }

    cases.add(
        EventStreamCase.of(
            esp("stream with incorrect retry fields"),
            "\nretry: 500\n\ndata: first\n\nretry: 50x\n\ndata: second\n\n",
            retry(500),
            message("first"),
            message("second")));

    cases.add(
        EventStreamCase.ofReads(
            esp("stream with unknown fields in the stream"),
            asList(
                "data:abc\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:123\n\n",
                DONE),
            comment("thisisacommentyay"),
            message("abc\n\n123"),
            DONE_EVENT));

    // JSON.stringify of the error object, as the tests feed it.
    String json =
        "{\"error\":\"Internal Server Error\","
            + "\"message\":\"The server could not process your request\"}";
    for (String test :
        asList(
            "skips onError when the stream is invalid but not newline-terminated (through"
                + " `reset()`)",
            "skips onError when the stream is invalid but not newline-terminated (through"
                + " `reset()` with `consume: false`)",
            "skips onError when an invalid line was discarded before reset({consume: true})")) {
      // An unterminated line at the end is discarded (reset() here is the end of the stream).
      cases.add(EventStreamCase.of(esp(test), json).endsIncomplete());
    }
    cases.add(
        EventStreamCase.of(
            esp("calls onError when the stream is invalid (through newline)"), json + "\n"));
    cases.add(
        EventStreamCase.of(
            esp("calls onError when the stream is invalid (no field separator)"),
            "Well, this is not what I expected\n"));

    cases.add(
        EventStreamCase.ofReads(
            esp("maxBufferSize: discards unterminated unknown fields without buffering"),
            asList(
                "unknown-field",
                ": this content is ignored even without a terminator",
                "\ndata: ok\n\n"),
            message("ok")));
    cases.add(
        EventStreamCase.ofReads(
            esp(
                "maxBufferSize: discards invalid lines as soon as their field name cannot become valid"),
            asList("datax", ": this started like data, but is not a valid field", "\ndata: ok\n\n"),
            message("ok")));
    cases.add(
        EventStreamCase.ofReads(
            esp("maxBufferSize: preserves split valid fields while discarding invalid lines"),
            asList("da", "ta\n\n"),
            message("")));
    cases.add(
        EventStreamCase.ofReads(
            esp("maxBufferSize: discards unterminated comments when no onComment callback exists"),
            asList(
                repeat(":", 64),
                "this content is ignored even without a terminator",
                "\ndata: ok\n\n"),
            // The decoder always reports comments.
            comment(repeat(":", 63) + "this content is ignored even without a terminator"),
            message("ok")));
    cases.add(
        EventStreamCase.ofReads(
            esp("discarded unterminated comments consume crlf as one line terminator"),
            asList("data: one\n:", "ignored\r\ndata: two\n\n"),
            comment("ignored"),
            message("one\ntwo")));
    cases.add(
        EventStreamCase.ofReads(
            esp("discarded lines consume a crlf split across chunks as one line terminator"),
            asList("data: one\n:", "ignored\r", "\ndata: two\n\n"),
            comment("ignored"),
            message("one\ntwo")));
    cases.add(
        EventStreamCase.ofReads(
            esp("discarded lines terminated by a bare cr resume parsing on the next chunk"),
            asList("data: one\n:", "ignored\r", "data: two\n\n"),
            comment("ignored"),
            message("one\ntwo")));
    cases.add(
        EventStreamCase.ofReads(
            esp(
                "discarded lines arriving with their own bare cr terminator do not swallow the next"
                    + " line"),
            asList("data: one\n:ignored\r", "data: two\n\n"),
            comment("ignored"),
            message("one\ntwo")));
    cases.add(
        EventStreamCase.ofReads(
            esp(
                "discarded lines arriving with a trailing cr consume a following lf as one"
                    + " terminator"),
            asList("data: one\n:ignored\r", "\ndata: two\n\n"),
            comment("ignored"),
            message("one\ntwo")));
    cases.add(
        EventStreamCase.ofReads(
            esp(
                "bare field lines terminated by a cr at a chunk boundary are processed, not discarded"),
            asList("data: one\ndata\r", "\ndata: two\n\n"),
            message("one\n\ntwo")));
    cases.add(
        EventStreamCase.ofReads(
            esp(
                "unknown field lines completed by a cr at a chunk boundary still emit unknown-field"
                    + " errors"),
            asList("garbage\r", "data: ok\n\n"),
            message("ok")));
    cases.add(
        EventStreamCase.ofReads(
            esp("a blank cr line ending a chunk dispatches the pending event exactly once"),
            asList("data: one\r", "\r", "\n"),
            message("one")));
    cases.add(
        EventStreamCase.ofReads(
            esp("maxBufferSize: preserves unterminated comments when onComment callback exists"),
            asList(":", "preserved", "\n"),
            comment("preserved")));

    StringBuilder hundred = new StringBuilder();
    List<String> hundredEvents = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      hundred.append("data: ").append(i).append("\n\n");
      hundredEvents.add(message(Integer.toString(i)));
    }
    cases.add(
        EventStreamCase.of(
            esp("maxBufferSize: not triggered when events dispatch within the limit"),
            hundred.toString(),
            hundredEvents.toArray(new String[0])));
    cases.add(
        EventStreamCase.of(
                esp("maxBufferSize: undefined option means unbounded (default behavior)"),
                // Under the decoder's default caps a 1,000,006-byte line is accepted, not an error;
                // it never ends, so nothing is dispatched.
                "data: " + repeat("x", 1_000_000))
            .endsIncomplete());

    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAsTheStandardSays(EventStreamCase c) {
    c.assertDecodesHoweverSplit();
  }
}
