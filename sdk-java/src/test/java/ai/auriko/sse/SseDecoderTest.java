package ai.auriko.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.errors.StreamLimitExceededException;
import ai.auriko.testing.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each corner of the WHATWG event-stream rules, fed whole, byte by byte and at every 2-way split.
 */
class SseDecoderTest {

  static Stream<Arguments> corners() {
    return Stream.of(
        corner("LF line ends", "data: a\n\n", "event id=null type=null data=a"),
        corner("CR line ends", "data: a\r\r", "event id=null type=null data=a"),
        corner("CRLF line ends", "data: a\r\n\r\n", "event id=null type=null data=a"),
        corner(
            "mixed line ends",
            "data: a\rdata: b\r\ndata: c\n\r\n",
            "event id=null type=null data=a\nb\nc"),
        corner(
            "CR CR is a blank line, not one line end",
            "data: a\r\rdata: b\n\n",
            "event id=null type=null data=a",
            "event id=null type=null data=b"),
        corner("no space after the colon", "data:x\n\n", "event id=null type=null data=x"),
        corner("only one space removed", "data:  x \n\n", "event id=null type=null data= x "),
        corner(
            "multi-line data joined with LF",
            "data: {\"a\":\ndata: 1}\n\n",
            "event id=null type=null data={\"a\":\n1}"),
        corner(
            "lone data: is a message with empty data",
            "data:\n\n",
            "event id=null type=null data="),
        corner(
            "data without colon is a message with empty data",
            "data\n\n",
            "event id=null type=null data="),
        corner(
            "data: with only its one space is empty data",
            "data: \n\n",
            "event id=null type=null data="),
        corner(
            "two empty data lines make one LF",
            "data:\ndata:\n\n",
            "event id=null type=null data=\n"),
        corner("blank lines alone dispatch nothing", "\n\n\r\n\r\r"),
        corner("event type", "event: error\ndata: x\n\n", "event id=null type=error data=x"),
        corner(
            "empty event type is the default type, null",
            "event:\ndata: a\n\nevent\ndata: b\n\nevent: x\nevent:\ndata: c\n\n",
            "event id=null type=null data=a",
            "event id=null type=null data=b",
            "event id=null type=null data=c"),
        corner(
            "event type is case-sensitive and kept as sent",
            "event: Message\ndata: a\n\nevent: message\ndata: b\n\n",
            "event id=null type=Message data=a",
            "event id=null type=message data=b"),
        corner(
            "event type resets after dispatch",
            "event: error\ndata: x\n\ndata: y\n\n",
            "event id=null type=error data=x",
            "event id=null type=null data=y"),
        corner(
            "event type without data is dropped at the blank line",
            "event: foo\n\ndata: y\n\n",
            "event id=null type=null data=y"),
        corner(
            "id persists across events",
            "id: 7\ndata: a\n\ndata: b\n\n",
            "event id=7 type=null data=a",
            "event id=7 type=null data=b"),
        corner(
            "id containing NUL is ignored",
            "id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n",
            "event id=1 type=null data=a",
            "event id=1 type=null data=b"),
        corner(
            "bare id resets it to empty, reported as null",
            "id: 1\ndata: a\n\nid\ndata: b\n\nid: 2\ndata: c\n\nid:\ndata: d\n\n",
            "event id=1 type=null data=a",
            "event id=null type=null data=b",
            "event id=2 type=null data=c",
            "event id=null type=null data=d"),
        corner(
            "id from a block that dispatches nothing persists",
            "id: 1\n\ndata: a\n\nid: 2\nevent: x\n\ndata: b\n\n",
            "event id=1 type=null data=a",
            "event id=2 type=null data=b"),
        corner(
            "retry with digits",
            "retry: 3000\ndata: a\n\n",
            "retry 3000",
            "event id=null type=null data=a"),
        corner(
            "retry with non-digits is ignored",
            "retry: 30s\nretry: -1\nretry:\nretry: 1.5\ndata: a\n\n",
            "event id=null type=null data=a"),
        corner(
            "retry with leading zeros, and the largest long",
            "retry: 007\nretry: 9223372036854775807\n\n",
            "retry 7",
            "retry 9223372036854775807"),
        corner(
            "retry beyond a long is ignored (a deliberate choice: the spec sets no bound)",
            "retry: 9223372036854775808\nretry: 99999999999999999999\ndata: a\n\n",
            "event id=null type=null data=a"),
        corner(
            "retry with non-ASCII digits is ignored",
            "retry: \u0661\u0662\nretry: \uFF11\ndata: a\n\n",
            "event id=null type=null data=a"),
        corner(
            "unknown and wrongly cased fields are ignored",
            "Data: x\nfoo: bar\ndata: a\n\n",
            "event id=null type=null data=a"),
        corner(
            "comments are reported",
            ": keep-alive\n:\n:  two\ndata: a\n\n",
            "comment keep-alive",
            "comment ",
            "comment  two",
            "event id=null type=null data=a"),
        corner("leading BOM skipped", "\uFEFFdata: a\n\n", "event id=null type=null data=a"),
        corner(
            "only one BOM skipped",
            "\uFEFF\uFEFFdata: a\n\ndata: b\n\n",
            "event id=null type=null data=b"),
        corner(
            "BOM in the middle is data",
            "data: \uFEFFa\n\n",
            "event id=null type=null data=\uFEFFa"),
        corner(
            "NUL in data, comments and event types is kept",
            ": \u0000\nevent: a\u0000b\ndata: \u0000\n\n",
            "comment \u0000",
            "event id=null type=a\u0000b data=\u0000"),
        corner(
            "only the first colon separates",
            "data: a:b: c\n\n",
            "event id=null type=null data=a:b: c"),
        corner("a tab after the colon is kept", "data:\tx\n\n", "event id=null type=null data=\tx"),
        corner(
            "multi-byte UTF-8",
            "data: h\u00e9llo \uD83C\uDF0D \u65e5\u672c\n\n",
            "event id=null type=null data=h\u00e9llo \uD83C\uDF0D \u65e5\u672c"),
        corner(
            "unterminated last event is discarded",
            "data: a\n\ndata: b",
            "event id=null type=null data=a"),
        corner(
            "last event without its blank line is discarded",
            "data: a\n\ndata: b\n",
            "event id=null type=null data=a"));
  }

  private static Arguments corner(String name, String stream, String... expected) {
    return Arguments.of(name, stream.getBytes(UTF_8), Arrays.asList(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corners")
  void specCorner(String name, byte[] stream, List<String> expected) {
    assertEquals(expected, decodeAt(stream, new int[0]).all, "whole");
    int[] bytes = new int[stream.length];
    for (int i = 0; i < stream.length; i++) bytes[i] = i;
    assertEquals(expected, decodeAt(stream, bytes).all, "one byte per read");
    for (int cut = 0; cut <= stream.length; cut++) {
      assertEquals(expected, decodeAt(stream, new int[] {cut}).all, "split at " + cut);
    }
  }

  private static RecordingListener decodeAt(byte[] stream, int[] cuts) {
    RecordingListener listener = new RecordingListener();
    SseDecoder decoder = new SseDecoder(listener);
    int start = 0;
    for (int cut : cuts) {
      decoder.feed(stream, start, cut - start);
      start = cut;
    }
    decoder.feed(stream, start, stream.length - start);
    decoder.finish();
    return listener;
  }

  @Test
  void crAtTheEndOfOneReadAndLfAtTheStartOfTheNextAreOneLineEnd() {
    RecordingListener listener = new RecordingListener();
    SseDecoder decoder = new SseDecoder(listener);
    decoder.feed("data: a\r".getBytes(UTF_8), 0, 8);
    decoder.feed("\ndata: b\r".getBytes(UTF_8), 0, 9);
    decoder.feed(new byte[0], 0, 0); // an empty read must not forget the pending CR
    decoder.feed("\n\r\n".getBytes(UTF_8), 0, 3);
    assertEquals(Collections.singletonList("event id=null type=null data=a\nb"), listener.all);
  }

  @Test
  void codePointSplitAcrossReadsIsIntact() {
    byte[] emoji = "data: \uD83C\uDF0D\u00e9\n\n".getBytes(UTF_8);
    for (int cut = 6; cut < 12; cut++) {
      RecordingListener listener = new RecordingListener();
      SseDecoder decoder = new SseDecoder(listener);
      decoder.feed(emoji, 0, cut);
      decoder.feed(emoji, cut, emoji.length - cut);
      assertEquals(
          Collections.singletonList("\uD83C\uDF0D\u00e9"), listener.data(), "cut at " + cut);
    }
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() {
    byte[] bad = {
      'd', 'a', 't', 'a', ':', ' ', 'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'b', '\n', '\n'
    };
    RecordingListener listener = new RecordingListener();
    new SseDecoder(listener).feed(bad, 0, bad.length);
    assertEquals(Collections.singletonList("a\uFFFD(\uFFFDb"), listener.data());
  }

  /**
   * The spec decodes with the Encoding Standard's UTF-8 decoder: one U+FFFD per maximal invalid
   * subsequence. The JDK's decoder agrees except on encoded surrogates (ED A0..BF xx), where it
   * gives one U+FFFD for three bytes. Expected values checked against CPython's "replace" decoding,
   * which follows the same rule.
   */
  static Stream<Arguments> invalidUtf8() {
    return Stream.of(
        Arguments.of("ED A0 80", "\uFFFD\uFFFD\uFFFD"), // an encoded surrogate: one per byte
        Arguments.of("ED BF BF 9F 8F", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"),
        Arguments.of("ED 9F BF", "\uD7FF"), // the last code point before the surrogates
        Arguments.of("ED 9F", "\uFFFD"), // a valid prefix cut short: one for both bytes
        Arguments.of("E0 80 80", "\uFFFD\uFFFD\uFFFD"), // overlong
        Arguments.of("E0 A0 80", "\u0800"),
        Arguments.of("F0 80 80 80", "\uFFFD\uFFFD\uFFFD\uFFFD"), // overlong
        Arguments.of("F0 90 80 80", "\uD800\uDC00"),
        Arguments.of("F4 8F BF BF", "\uDBFF\uDFFF"),
        Arguments.of("F4 90 80 80", "\uFFFD\uFFFD\uFFFD\uFFFD"), // beyond U+10FFFF
        Arguments.of("F0 90 80", "\uFFFD"), // truncated at the line end
        Arguments.of("F0 90 80 41", "\uFFFDA"),
        Arguments.of("C0 80", "\uFFFD\uFFFD"),
        Arguments.of("C2", "\uFFFD"),
        Arguments.of("80 BF", "\uFFFD\uFFFD"),
        Arguments.of("F5 80", "\uFFFD\uFFFD"),
        Arguments.of(
            "E2 82 AC ED A0 BD ED B8 80 41", "\u20AC\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDA"),
        Arguments.of("EF BF BD", "\uFFFD")); // U+FFFD itself
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidUtf8")
  void utf8IsDecodedAsTheEncodingStandardSays(String hex, String expected) {
    String[] parts = hex.split(" ");
    byte[] value = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) value[i] = (byte) Integer.parseInt(parts[i], 16);
    byte[] prefix = "id: ".getBytes(UTF_8);
    byte[] middle = "\nevent: ".getBytes(UTF_8);
    byte[] middle2 = "\n: ".getBytes(UTF_8);
    byte[] suffix = "\ndata: ".getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] b : new byte[][] {prefix, value, middle, value, middle2, value, suffix, value}) {
      out.write(b, 0, b.length);
    }
    out.write('\n');
    out.write('\n');
    byte[] stream = out.toByteArray();
    // Every field decodes the same way, whole or split anywhere (a split line is copied first).
    List<String> want =
        Arrays.asList(
            "comment " + expected,
            "event id=" + expected + " type=" + expected + " data=" + expected);
    assertEquals(want, decodeAt(stream, new int[0]).all, "whole");
    for (int cut = 0; cut <= stream.length; cut++) {
      assertEquals(want, decodeAt(stream, new int[] {cut}).all, "split at " + cut);
    }
  }

  @Test
  void bomSplitAcrossReadsIsSkippedAndAFalseStartIsKept() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] rest = "data: a\n\n".getBytes(UTF_8);
    RecordingListener listener = new RecordingListener();
    SseDecoder decoder = new SseDecoder(listener);
    decoder.feed(bom, 0, 1);
    decoder.feed(bom, 1, 1);
    decoder.feed(bom, 2, 1);
    decoder.feed(rest, 0, rest.length);
    assertEquals(Collections.singletonList("a"), listener.data());

    // EF BB followed by something else is not a BOM: those bytes start the first line, making an
    // unknown field name, so the line is ignored rather than silently losing its first bytes.
    RecordingListener other = new RecordingListener();
    SseDecoder falseStart = new SseDecoder(other);
    byte[] body = {
      (byte) 0xEF, (byte) 0xBB, ':', ' ', 'x', '\n', 'd', 'a', 't', 'a', ':', 'y', '\n', '\n'
    };
    falseStart.feed(body, 0, 1);
    falseStart.feed(body, 1, body.length - 1);
    assertEquals(Collections.singletonList("y"), other.data());
    assertEquals(Collections.emptyList(), other.comments);

    SseDecoder pendingBom = new SseDecoder(new RecordingListener());
    pendingBom.feed(bom, 0, 2);
    assertTrue(pendingBom.finish(), "two bytes of a line were pending");
  }

  @Test
  void aLineAtTheCapIsAcceptedAndOneByteMoreFailsHoweverSplit() {
    String atCap = "data: " + repeat('x', 10); // 16 bytes
    for (int readSize : new int[] {1, 3, 100}) {
      RecordingListener ok = new RecordingListener();
      feedInReads(new SseDecoder(ok, 16, 1024), (atCap + "\n\n").getBytes(UTF_8), readSize);
      assertEquals(Collections.singletonList(repeat('x', 10)), ok.data());

      SseDecoder tooLong = new SseDecoder(new RecordingListener(), 16, 1024);
      StreamLimitExceededException e =
          assertThrows(
              StreamLimitExceededException.class,
              () -> feedInReads(tooLong, (atCap + "x\n\n").getBytes(UTF_8), readSize));
      assertEquals(16, e.limitBytes());
      assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
      assertThrows(
          IllegalStateException.class,
          () -> tooLong.feed(new byte[1], 0, 1),
          "unusable after failing");
    }
  }

  @Test
  void anOverlongLineFailsBeforeItsLineEndArrivesSoMemoryStaysBounded() {
    SseDecoder decoder = new SseDecoder(new RecordingListener(), 1024, 4096);
    byte[] chunk = new byte[100];
    Arrays.fill(chunk, (byte) 'a');
    assertThrows(
        StreamLimitExceededException.class,
        () -> {
          for (int i = 0; i < 1_000_000; i++)
            decoder.feed(chunk, 0, chunk.length); // never a newline
        });
  }

  @Test
  void eventDataCapCountsTheJoiningLineFeeds() {
    String twoLines =
        "data: " + repeat('a', 10) + "\ndata: " + repeat('b', 10) + "\n\n"; // 21 bytes of data
    RecordingListener ok = new RecordingListener();
    feedInReads(new SseDecoder(ok, 1024, 21), twoLines.getBytes(UTF_8), 5);
    assertEquals(1, ok.events.size());
    StreamLimitExceededException e =
        assertThrows(
            StreamLimitExceededException.class,
            () ->
                feedInReads(
                    new SseDecoder(new RecordingListener(), 1024, 20),
                    twoLines.getBytes(UTF_8),
                    5));
    assertEquals(20, e.limitBytes());
  }

  @Test
  void finishReportsAnIncompleteEventAndIsIdempotent() {
    assertFalse(finishAfter("data: a\n\n"));
    assertFalse(finishAfter(": only a comment\n"));
    assertFalse(finishAfter(""));
    assertTrue(finishAfter("data: a\n\ndata: b"), "partial line");
    assertTrue(finishAfter("data: a\n\ndata: b\n"), "data line without its blank line");
    assertTrue(finishAfter("event: x\n"), "event field without its blank line");
    assertTrue(finishAfter("event:\n"), "empty event field without its blank line");
    assertTrue(finishAfter("data:\n"), "empty data field without its blank line");
    assertFalse(finishAfter("data:\n\n"), "empty data event dispatched");

    SseDecoder decoder = new SseDecoder(new RecordingListener());
    decoder.feed("data: a".getBytes(UTF_8), 0, 7);
    assertTrue(decoder.finish());
    assertFalse(decoder.finish(), "second finish reports nothing new");
    assertThrows(IllegalStateException.class, () -> decoder.feed(new byte[1], 0, 1));
  }

  private static boolean finishAfter(String stream) {
    SseDecoder decoder = new SseDecoder(new RecordingListener());
    byte[] b = stream.getBytes(UTF_8);
    decoder.feed(b, 0, b.length);
    return decoder.finish();
  }

  @Test
  void anExceptionFromTheListenerPropagatesAndStopsTheDecoder() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    SseDecoder decoder =
        new SseDecoder(
            new SseListener() {
              @Override
              public void onEvent(@Nullable String id, @Nullable String type, String data) {
                throw boom;
              }
            });
    byte[] b = "data: a\n\ndata: b\n\n".getBytes(UTF_8);
    assertSame(
        boom, assertThrows(IllegalArgumentException.class, () -> decoder.feed(b, 0, b.length)));
    assertThrows(IllegalStateException.class, () -> decoder.feed(b, 0, b.length));
  }

  @Test
  void byteBuffersHeapAndDirect() {
    byte[] b = "data: a\n\ndata: b\n\n".getBytes(UTF_8);
    byte[] padded = ("XX" + new String(b, UTF_8) + "YY").getBytes(UTF_8);
    RecordingListener heap = new RecordingListener();
    ByteBuffer wrapped = ByteBuffer.wrap(padded, 2, b.length).slice(); // non-zero arrayOffset
    new SseDecoder(heap).feed(wrapped);
    assertEquals(Arrays.asList("a", "b"), heap.data());
    assertFalse(wrapped.hasRemaining());

    RecordingListener direct = new RecordingListener();
    ByteBuffer d = ByteBuffer.allocateDirect(b.length);
    d.put(b).flip();
    new SseDecoder(direct).feed(d);
    assertEquals(Arrays.asList("a", "b"), direct.data());
  }

  @Test
  void rejectsBadArguments() {
    SseDecoder decoder = new SseDecoder(new RecordingListener());
    assertThrows(IndexOutOfBoundsException.class, () -> decoder.feed(new byte[4], 3, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> decoder.feed(new byte[4], -1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new SseDecoder(new RecordingListener(), 0, 10));
    assertThrows(
        IllegalArgumentException.class, () -> new SseDecoder(new RecordingListener(), 10, 0));
  }

  @Test
  void manyEventsInOneReadAreAllDelivered() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      byte[] e = ("data: " + i + "\n\n").getBytes(UTF_8);
      out.write(e, 0, e.length);
    }
    RecordingListener listener = new RecordingListener();
    byte[] all = out.toByteArray();
    new SseDecoder(listener).feed(all, 0, all.length);
    assertEquals(10_000, listener.events.size());
    assertEquals("9999", listener.data().get(9_999));
  }

  /** Records events, the one-line ones as the bytes {@code onEventUtf8} was given. */
  private static final class ByteRecordingListener implements SseListener {
    final List<String> seen = new java.util.ArrayList<>();

    @Override
    public void onEvent(@Nullable String id, @Nullable String type, String data) {
      seen.add("text type=" + type + " data=" + data);
    }

    @Override
    public void onEventUtf8(
        @Nullable String id, @Nullable String type, byte[] data, int offset, int length) {
      byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
      seen.add("bytes type=" + type + " data=" + Arrays.toString(copy));
    }
  }

  @Test
  void oneLineEventsArriveAsTheirBytesAndOthersAsText() {
    String wire =
        "event: delta\ndata: h\u00e9llo \u2603\n\n"
            + "data: a\ndata: b\n\n"
            + "data:\n\n"
            + "event: x\nid: 7\ndata: {\"k\":1}\r\n\r\n";
    byte[] bytes = wire.getBytes(UTF_8);
    List<String> expected =
        Arrays.asList(
            "bytes type=delta data=" + Arrays.toString("h\u00e9llo \u2603".getBytes(UTF_8)),
            "text type=null data=a\nb",
            "bytes type=null data=[]",
            "bytes type=x data=" + Arrays.toString("{\"k\":1}".getBytes(UTF_8)));
    // Whole, byte by byte, and split everywhere: a line split across reads arrives whole.
    for (int readSize : new int[] {bytes.length, 1, 2, 3, 7}) {
      ByteRecordingListener listener = new ByteRecordingListener();
      SseDecoder decoder = new SseDecoder(listener);
      feedInReads(decoder, bytes, readSize);
      assertEquals(expected, listener.seen, "reads of " + readSize);
    }
  }

  @Test
  void theBytesOfAnEventAreNotChangedByTheEventsBeforeIt() {
    // A long event grows the buffer, a short one after it reuses it: each sees only its own bytes.
    String big = repeat('x', 100_000);
    byte[] bytes = ("data: " + big + "\n\ndata: yz\n\ndata: " + big + "\n\n").getBytes(UTF_8);
    ByteRecordingListener listener = new ByteRecordingListener();
    new SseDecoder(listener).feed(bytes, 0, bytes.length);
    assertEquals(3, listener.seen.size());
    assertEquals(
        "bytes type=null data=" + Arrays.toString("yz".getBytes(UTF_8)), listener.seen.get(1));
    assertEquals(listener.seen.get(0), listener.seen.get(2));
  }

  @Test
  void aRepeatedEventTypeIsTheSameString() {
    List<String> types = new java.util.ArrayList<>();
    SseListener listener = (id, type, data) -> types.add(type);
    byte[] bytes =
        "event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\nevent: done\ndata: 3\n\n"
            .getBytes(UTF_8);
    new SseDecoder(listener).feed(bytes, 0, bytes.length);
    assertEquals(Arrays.asList("delta", "delta", "done"), types);
    assertSame(types.get(0), types.get(1));
  }

  @Test
  void aListenerThatReadsOnlyTextGetsTheDecodersOwnUtf8Decoding() {
    // Invalid UTF-8 in a one-line event: the default onEventUtf8 decodes it as every line is (the
    // Encoding Standard: an encoded surrogate is one U+FFFD per byte), not as new String would.
    byte[] line = {'d', 'a', 't', 'a', ':', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n', '\n'};
    RecordingListener listener = new RecordingListener();
    new SseDecoder(listener).feed(line, 0, line.length);
    assertEquals(Collections.singletonList("\uFFFD\uFFFD\uFFFD"), listener.data());
  }

  private static void feedInReads(SseDecoder decoder, byte[] bytes, int readSize) {
    for (int i = 0; i < bytes.length; i += readSize)
      decoder.feed(bytes, i, Math.min(readSize, bytes.length - i));
  }

  private static String repeat(char c, int n) {
    char[] a = new char[n];
    Arrays.fill(a, c);
    return new String(a);
  }
}
