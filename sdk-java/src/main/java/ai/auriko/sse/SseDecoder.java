package ai.auriko.sse;

import ai.auriko.errors.SdkExceptions;
import ai.auriko.errors.StreamLimitExceededException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * An incremental decoder of {@code text/event-stream} bytes into events, following the WHATWG HTML
 * rules "9.2.6 Interpreting an event stream" exactly, so that it can read any event stream. Feed it
 * whatever the transport delivers, split anywhere:
 *
 * <pre>{@code
 * SseDecoder decoder = new SseDecoder(listener);
 * byte[] buf = new byte[8192];
 * for (int n; (n = in.read(buf)) != -1; ) decoder.feed(buf, 0, n);
 * boolean incomplete = decoder.finish();
 * }</pre>
 *
 * <p>What it implements, as the spec says:
 *
 * <ul>
 *   <li>The stream is UTF-8, whatever the transport's charset says. One leading byte order mark is
 *       skipped, even when split across reads; a later one is an ordinary character (so a line
 *       starting with one has an unknown field name and is ignored).
 *   <li>Lines end with CRLF, LF or CR; a CR at the end of one read and the LF at the start of the
 *       next are one line end.
 *   <li>A line starting with {@code :} is a comment. The spec ignores it; it is reported through
 *       {@link SseListener#onComment(String)} so a client can count keep-alives as liveness.
 *   <li>Otherwise the field name is what precedes the first colon and the value what follows it,
 *       less one leading space if there is one (none is required); a line without a colon is a
 *       field name with an empty value. Names are compared exactly, case-sensitively.
 *   <li>{@code data} appends its value to the data buffer, lines joined with {@code \n}; {@code
 *       event} sets the event type; {@code id} sets the last event ID, which persists across events
 *       until the next {@code id}, unless the value contains U+0000 NULL, when the field is
 *       ignored; {@code retry} is reported when its value is ASCII digits and nothing else (an
 *       empty value names no number and is ignored); any other field is ignored.
 *   <li>A blank line dispatches the event if at least one {@code data} field arrived since the last
 *       one, even when the data is empty ({@code data:} alone, or {@code data} without a colon, is
 *       a message whose data is the empty string); otherwise it dispatches nothing. Either way the
 *       data and the event type start afresh.
 *   <li>An empty event type is the spec's default type, {@code message}, reported as a {@code null}
 *       type; an empty last event ID (never set, or set by an {@code id} field with an empty value)
 *       is reported as a {@code null} id. The spec makes no difference between "absent" and "empty"
 *       for either, and neither does this decoder.
 *   <li>Bytes that are not UTF-8 become U+FFFD exactly as the spec's UTF-8 decode (the WHATWG
 *       Encoding Standard) replaces them: one U+FFFD per maximal invalid subsequence. A line is
 *       decoded once it is complete, so a code point split across reads is never damaged.
 *   <li>At the end of input an incomplete event (its blank line never arrived) is discarded, not
 *       dispatched; {@link #finish()} reports whether there was one, so the caller can tell a clean
 *       end from a cut.
 * </ul>
 *
 * <p>The decoder dispatches every event the spec dispatches. What a particular protocol ignores is
 * its codec's decision, not the decoder's: an LLM chat-completion codec, for example, may skip
 * events whose data is empty and event types it does not know.
 *
 * <p>Deliberate differences from the spec, all about inputs no sane server sends:
 *
 * <ul>
 *   <li>Memory is bounded. A line longer than {@code maxLineBytes} (excluding its line end) or an
 *       event whose data exceeds {@code maxEventBytes} (counting the {@code \n} that joins its
 *       lines) fails with {@link StreamLimitExceededException} instead of growing; the spec sets no
 *       limit.
 *   <li>A {@code retry} value of ASCII digits too large for a {@code long} (more than about 292
 *       million years in milliseconds) is ignored rather than reported; the spec sets no bound.
 * </ul>
 *
 * <p>A line that arrives whole within one read is decoded straight from the caller's array; only a
 * line split across reads is copied, into one reused buffer. No per-byte allocation, no I/O, no
 * threads.
 *
 * <p>Not thread-safe: feed one decoder from one thread at a time. After it has thrown (a limit, or
 * an exception from the listener), it refuses further input with {@link IllegalStateException}.
 */
public final class SseDecoder {
  /** Default cap on one line, excluding its line end: 4 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

  /** Default cap on one event's data, all lines together: 8 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

  /** The largest data buffer kept from one event to the next. */
  private static final int RETAINED_DATA_BYTES = 64 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] ID = {'i', 'd'};
  private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

  private final SseListener listener;
  private final int maxLineBytes;
  private final int maxEventBytes;

  // A line split across reads, assembled here.
  private byte[] partial = new byte[128];
  private int partialLength;
  // The previous read ended with CR: an LF at the start of the next one belongs to it.
  private boolean skipLeadingLf;
  // Leading BOM detection, which may span reads: bytes matched so far, and whether it is decided.
  private int bomMatched;
  private boolean bomDecided;

  // The event being assembled. eventType is null until an event field arrives, and "" after an
  // empty one: both mean the spec's default type, but finish() tells them apart from no field.
  // The first data line is kept as bytes: nearly every event has exactly one, and a listener that
  // reads the bytes itself (SseListener.onEventUtf8) then costs no String per event. The array is
  // reused from event to event.
  private byte[] firstData = new byte[256];
  private int firstDataLength;
  private @Nullable StringBuilder joinedData;
  private int dataLines;
  private long dataBytes;
  private @Nullable String eventType;
  // The last event type decoded, reused when the next one is the same text.
  private @Nullable String previousType;
  // The spec's last event ID buffer; null stands for the empty string.
  private @Nullable String lastEventId;

  private boolean failed;
  private boolean finished;

  /**
   * Creates a decoder with the default size caps.
   *
   * @param listener receives events and comments, on the feeding thread
   */
  public SseDecoder(SseListener listener) {
    this(listener, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_EVENT_BYTES);
  }

  /**
   * Creates a decoder with explicit size caps.
   *
   * @param listener receives events and comments, on the feeding thread
   * @param maxLineBytes the longest line accepted, in bytes, excluding the line end; at least 1
   * @param maxEventBytes the most data one event may carry, in bytes, including the {@code \n} that
   *     joins its lines; at least 1
   */
  public SseDecoder(SseListener listener, int maxLineBytes, int maxEventBytes) {
    if (maxLineBytes < 1) throw new IllegalArgumentException("maxLineBytes < 1: " + maxLineBytes);
    if (maxEventBytes < 1)
      throw new IllegalArgumentException("maxEventBytes < 1: " + maxEventBytes);
    this.listener = listener;
    this.maxLineBytes = maxLineBytes;
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Decodes the next bytes of the stream. Complete events and comments are delivered to the
   * listener before this returns; an incomplete trailing line is kept for the next call.
   *
   * @param bytes the buffer; not retained
   * @param offset where the new bytes start
   * @param length how many bytes; 0 is allowed
   * @throws StreamLimitExceededException when a line or an event exceeds its cap
   * @throws IllegalStateException after {@link #finish()} or after an earlier failure
   */
  public void feed(byte[] bytes, int offset, int length) {
    checkUsable();
    if ((offset | length) < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "offset=" + offset + " length=" + length + " size=" + bytes.length);
    }
    failed = true; // cleared on normal return; any exception leaves the decoder unusable
    int end = offset + length;
    int i = offset;
    if (!bomDecided) i = skipBom(bytes, i, end);
    if (skipLeadingLf && i < end) {
      if (bytes[i] == LF) i++;
      skipLeadingLf = false;
    }
    while (i < end) {
      int lineEnd = indexOfLineEnd(bytes, i, end);
      if (lineEnd < 0) {
        appendPartial(bytes, i, end - i);
        break;
      }
      if (partialLength == 0) {
        int lineLength = lineEnd - i;
        if (lineLength > maxLineBytes) throw lineTooLong();
        processLine(bytes, i, lineLength);
      } else {
        appendPartial(bytes, i, lineEnd - i);
        int lineLength = partialLength;
        partialLength = 0;
        processLine(partial, 0, lineLength);
      }
      i = lineEnd + 1;
      if (bytes[lineEnd] == CR) {
        if (i < end) {
          if (bytes[i] == LF) i++;
        } else {
          skipLeadingLf = true;
        }
      }
    }
    failed = false;
  }

  /**
   * Decodes the remaining bytes of a buffer, advancing its position to its limit.
   *
   * @param buffer the bytes; heap or direct
   * @throws StreamLimitExceededException when a line or an event exceeds its cap
   * @throws IllegalStateException after {@link #finish()} or after an earlier failure
   */
  public void feed(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      int n = buffer.remaining();
      feed(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
      // Through Buffer: compiled for Java 9+, ByteBuffer.position(int) binds to the covariant
      // override returning ByteBuffer, which Android lacks before API 34 (NoSuchMethodError).
      Buffer advanced = buffer;
      advanced.position(advanced.position() + n);
      return;
    }
    byte[] scratch = new byte[Math.min(buffer.remaining(), 8192)];
    while (buffer.hasRemaining()) {
      int n = Math.min(scratch.length, buffer.remaining());
      buffer.get(scratch, 0, n);
      feed(scratch, 0, n);
    }
  }

  /**
   * Signals the end of input. Per the spec an event whose final blank line never arrived is
   * discarded, not dispatched; this reports whether one was pending (a partial line, or {@code
   * data}/{@code event} fields not yet dispatched), so the caller can tell a clean end from a cut.
   * Idempotent.
   *
   * @return {@code true} when an incomplete event was discarded
   * @throws IllegalStateException after an earlier failure
   */
  public boolean finish() {
    if (failed) throw new IllegalStateException("decoder failed earlier");
    if (finished) return false;
    finished = true;
    boolean pending =
        partialLength > 0 || (!bomDecided && bomMatched > 0) || dataLines > 0 || eventType != null;
    partialLength = 0;
    resetEvent();
    return pending;
  }

  private void checkUsable() {
    if (failed) throw new IllegalStateException("decoder failed earlier");
    if (finished) throw new IllegalStateException("decoder finished");
  }

  private int skipBom(byte[] bytes, int i, int end) {
    while (i < end && !bomDecided) {
      if (bytes[i] == BOM[bomMatched]) {
        bomMatched++;
        i++;
        if (bomMatched == BOM.length) bomDecided = true;
      } else {
        // Not a BOM after all: the bytes matched so far are ordinary text of the first line.
        bomDecided = true;
        appendPartial(BOM, 0, bomMatched);
      }
    }
    return i;
  }

  private static int indexOfLineEnd(byte[] bytes, int from, int end) {
    for (int j = from; j < end; j++) {
      byte b = bytes[j];
      // One comparison for nearly every byte: text is above CR (13); LF (10) and CR are below.
      if (b <= CR && (b == LF || b == CR)) return j;
    }
    return -1;
  }

  private void appendPartial(byte[] bytes, int offset, int length) {
    if (length == 0) return;
    int needed = partialLength + length;
    if (needed > maxLineBytes) throw lineTooLong();
    if (needed > partial.length) {
      int grown = (int) Math.min(Math.max((long) partial.length * 2, needed), maxLineBytes);
      byte[] bigger = new byte[grown];
      System.arraycopy(partial, 0, bigger, 0, partialLength);
      partial = bigger;
    }
    System.arraycopy(bytes, offset, partial, partialLength, length);
    partialLength = needed;
  }

  private StreamLimitExceededException lineTooLong() {
    return SdkExceptions.limitExceeded(
        "event stream line longer than " + maxLineBytes + " bytes", maxLineBytes);
  }

  private void processLine(byte[] b, int off, int len) {
    if (len == 0) {
      dispatch();
      return;
    }
    int end = off + len;
    if (b[off] == ':') {
      int start = off + 1;
      if (start < end && b[start] == ' ') start++;
      listener.onComment(utf8(b, start, end - start));
      return;
    }
    int colon = off;
    while (colon < end && b[colon] != ':') colon++;
    int nameLength = colon - off;
    int valueStart = colon < end ? colon + 1 : end;
    if (valueStart < end && b[valueStart] == ' ') valueStart++;
    int valueLength = end - valueStart;

    if (nameIs(b, off, nameLength, DATA)) {
      appendData(b, valueStart, valueLength);
    } else if (nameIs(b, off, nameLength, EVENT)) {
      eventType =
          sameText(previousType, b, valueStart, valueLength)
              ? previousType
              : (previousType = utf8(b, valueStart, valueLength));
    } else if (nameIs(b, off, nameLength, ID)) {
      // Spec: an id containing NUL is ignored entirely. (U+0000 can only come from a 0 byte.)
      for (int j = valueStart; j < end; j++) if (b[j] == 0) return;
      lastEventId = valueLength == 0 ? null : utf8(b, valueStart, valueLength);
    } else if (nameIs(b, off, nameLength, RETRY)) {
      processRetry(b, valueStart, end);
    }
    // Any other field name is ignored, per the spec.
  }

  /**
   * Whether the {@code length} bytes at {@code off} are the ASCII text {@code text}: a stream
   * repeats its event types, and the previous one's String is reused rather than decoded again.
   */
  private static boolean sameText(@Nullable String text, byte[] b, int off, int length) {
    if (text == null || text.length() != length) return false;
    for (int j = 0; j < length; j++) {
      int c = b[off + j];
      if (c < 0 || c != text.charAt(j)) return false; // not ASCII: decoded, never compared
    }
    return true;
  }

  // Field names are compared as bytes, case-sensitively as the spec requires, without allocating.
  private static boolean nameIs(byte[] b, int off, int nameLength, byte[] name) {
    if (nameLength != name.length) return false;
    for (int j = 0; j < nameLength; j++) if (b[off + j] != name[j]) return false;
    return true;
  }

  private void processRetry(byte[] b, int start, int end) {
    if (start == end) return; // an empty value is no integer
    long value = 0;
    for (int j = start; j < end; j++) {
      int digit = b[j] - '0';
      if (digit < 0 || digit > 9) return; // spec: only ASCII digits make a valid retry field
      // Deliberately ignored, where the spec sets no bound: beyond a long, no delay means anything.
      if (value > (Long.MAX_VALUE - digit) / 10) return;
      value = value * 10 + digit;
    }
    listener.onRetry(value);
  }

  private void appendData(byte[] b, int start, int length) {
    long total = dataBytes + length + (dataLines > 0 ? 1 : 0);
    if (total > maxEventBytes) {
      throw SdkExceptions.limitExceeded(
          "event stream event larger than " + maxEventBytes + " bytes", maxEventBytes);
    }
    if (dataLines == 0) {
      if (length > firstData.length) firstData = new byte[Math.max(length, firstData.length * 2)];
      System.arraycopy(b, start, firstData, 0, length);
      firstDataLength = length;
    } else {
      // Each line is decoded on its own, as the spec decodes the stream before splitting lines: a
      // line end is ASCII, so no UTF-8 sequence spans two lines.
      String value = utf8(b, start, length);
      StringBuilder joined = joinedData;
      if (joined == null) {
        String first = utf8(firstData, 0, firstDataLength);
        joined = new StringBuilder(first.length() + value.length() + 16);
        joined.append(first);
        joinedData = joined;
      }
      joined.append('\n').append(value);
    }
    dataLines++;
    dataBytes = total;
  }

  private void dispatch() {
    // Spec: nothing is dispatched only when the data buffer is the empty string, that is when no
    // data field arrived; a data field with an empty value still makes an event, with empty data.
    if (dataLines == 0) {
      resetEvent();
      return;
    }
    StringBuilder joined = joinedData;
    String type = eventType;
    if (type != null && type.isEmpty()) type = null; // empty: the default type, message
    int length = firstDataLength;
    resetEvent();
    if (joined != null) {
      listener.onEvent(lastEventId, type, joined.toString());
      return;
    }
    byte[] data = firstData;
    listener.onEventUtf8(lastEventId, type, data, 0, length);
    // One huge event does not keep its buffer for the rest of the stream.
    if (data.length > RETAINED_DATA_BYTES && firstData == data) firstData = new byte[256];
  }

  private void resetEvent() {
    firstDataLength = 0;
    joinedData = null;
    dataLines = 0;
    dataBytes = 0;
    eventType = null;
  }

  /**
   * UTF-8 decoding as the spec's (WHATWG Encoding Standard) "UTF-8 decode": the JDK's decoder is
   * used, and agrees with it on valid input and on most invalid input, but replaces an encoded
   * surrogate ({@code ED A0..BF xx}) with one U+FFFD where the standard gives one per byte. So a
   * result containing U+FFFD, rare and cheap to detect, is decoded again by the standard's
   * algorithm. A Latin-1 result cannot contain U+FFFD, so for ASCII text the check is constant
   * time.
   */
  static String utf8(byte[] b, int off, int len) {
    if (len == 0) return "";
    String fast = new String(b, off, len, StandardCharsets.UTF_8);
    return fast.indexOf('\uFFFD') < 0 ? fast : utf8Exact(b, off, len);
  }

  /** The Encoding Standard's UTF-8 decoder, with replacement. */
  private static String utf8Exact(byte[] b, int off, int len) {
    char[] out = new char[len]; // never more UTF-16 units than bytes
    int n = 0;
    int needed = 0;
    int seen = 0;
    int codePoint = 0;
    int lower = 0x80;
    int upper = 0xBF;
    int end = off + len;
    int i = off;
    while (i < end) {
      int v = b[i] & 0xFF;
      if (needed == 0) {
        i++;
        if (v <= 0x7F) {
          out[n++] = (char) v;
        } else if (v >= 0xC2 && v <= 0xDF) {
          needed = 1;
          codePoint = v & 0x1F;
        } else if (v >= 0xE0 && v <= 0xEF) {
          if (v == 0xE0) lower = 0xA0;
          if (v == 0xED) upper = 0x9F;
          needed = 2;
          codePoint = v & 0xF;
        } else if (v >= 0xF0 && v <= 0xF4) {
          if (v == 0xF0) lower = 0x90;
          if (v == 0xF4) upper = 0x8F;
          needed = 3;
          codePoint = v & 0x7;
        } else {
          out[n++] = '\uFFFD';
        }
        continue;
      }
      if (v < lower || v > upper) {
        // The sequence is cut short: one U+FFFD for it, and this byte is read again on its own.
        needed = 0;
        seen = 0;
        codePoint = 0;
        lower = 0x80;
        upper = 0xBF;
        out[n++] = '\uFFFD';
        continue;
      }
      i++;
      lower = 0x80;
      upper = 0xBF;
      codePoint = (codePoint << 6) | (v & 0x3F);
      if (++seen == needed) {
        n += Character.toChars(codePoint, out, n);
        needed = 0;
        seen = 0;
        codePoint = 0;
      }
    }
    if (needed != 0) out[n++] = '\uFFFD';
    return new String(out, 0, n);
  }
}
