package ai.auriko.request.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.auriko.request.chat.ImageDetail;
import ai.auriko.request.chat.Role;
import ai.auriko.testing.Expect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseInputItemTest {
  private static final String SECRET = "sk-secret-123";

  @Test
  void textMessages() {
    ResponseInputItem u = ResponseInputItem.user("hi");
    assertEquals(ResponseInputItem.Type.MESSAGE, u.type());
    assertEquals("message", u.type().wireName());
    assertEquals(Role.USER, u.role());
    assertEquals("hi", u.content());
    assertEquals(Collections.emptyList(), u.contentParts());
    assertNull(u.callId());
    assertNull(u.name());
    assertNull(u.arguments());
    assertNull(u.output());
    assertNull(u.id());
    assertEquals(Collections.emptyList(), u.summary());
    assertNull(u.encryptedContent());
    assertEquals(Role.SYSTEM, ResponseInputItem.system("s").role());
    assertEquals(Role.DEVELOPER, ResponseInputItem.developer("d").role());
    assertEquals(Role.ASSISTANT, ResponseInputItem.assistant("a").role());
    assertEquals("", ResponseInputItem.user("").content());
    assertEquals(ResponseInputItem.user("x"), ResponseInputItem.message(Role.USER, "x"));
  }

  @Test
  void messageNeedsRoleAndContent() {
    Expect.invalid("role", () -> ResponseInputItem.message(null, "x"), "must not be null");
    Expect.invalid(
        "role",
        () -> ResponseInputItem.message(Role.TOOL, "x"),
        "got tool",
        "function_call_output");
    Expect.invalid(
        "role",
        () -> ResponseInputItem.message(Role.TOOL, List.of(InputContentPart.text("x"))),
        "got tool");
    Expect.invalid("content", () -> ResponseInputItem.user((String) null), "must not be null");
    Expect.invalid(
        "content",
        () -> ResponseInputItem.message(Role.USER, Collections.emptyList()),
        "at least 1 content part",
        "got 0");
    List<InputContentPart> withNull = new ArrayList<>();
    withNull.add(InputContentPart.text("a"));
    withNull.add(null);
    Expect.invalid(
        "content[1]", () -> ResponseInputItem.message(Role.USER, withNull), "must not be null");
  }

  @Test
  void partsMessages() {
    ResponseInputItem m =
        ResponseInputItem.user(
            InputContentPart.text("look"),
            InputContentPart.imageUrl("https://x/y.png", ImageDetail.HIGH),
            InputContentPart.imageFile("file_1", null));
    assertNull(m.content());
    assertEquals(3, m.contentParts().size());
    assertThrows(UnsupportedOperationException.class, () -> m.contentParts().clear());
    ResponseInputItem dev =
        ResponseInputItem.message(Role.DEVELOPER, List.of(InputContentPart.text("rules")));
    assertEquals(1, dev.contentParts().size());
  }

  @Test
  void imagesOnlyInUserMessages() {
    for (Role r : Arrays.asList(Role.SYSTEM, Role.DEVELOPER)) {
      Expect.invalid(
          "content[1]",
          () ->
              ResponseInputItem.message(
                  r,
                  Arrays.asList(
                      InputContentPart.text("a"), InputContentPart.imageUrl("https://x/y.png"))),
          "only in user messages",
          "got a " + r.wireName() + " message");
    }
  }

  @Test
  void assistantContentIsText() {
    Expect.invalid(
        "content",
        () -> ResponseInputItem.message(Role.ASSISTANT, List.of(InputContentPart.text("a"))),
        "must be text, got parts");
  }

  @Test
  void functionCall() {
    ResponseInputItem c = ResponseInputItem.functionCall("call_1", "get_weather", "{}");
    assertEquals(ResponseInputItem.Type.FUNCTION_CALL, c.type());
    assertEquals("function_call", c.type().wireName());
    assertEquals("call_1", c.callId());
    assertEquals("get_weather", c.name());
    assertEquals("{}", c.arguments());
    assertNull(c.role());
    assertNull(c.content());
    assertEquals("", ResponseInputItem.functionCall("c", "f", "").arguments());
    Expect.invalid("call_id", () -> ResponseInputItem.functionCall(" ", "f", "{}"), "blank");
    Expect.invalid("call_id", () -> ResponseInputItem.functionCall(null, "f", "{}"), "null");
    Expect.invalid(
        "name", () -> ResponseInputItem.functionCall("c", "bad name", "{}"), "[A-Za-z0-9_-]");
    Expect.invalid("name", () -> ResponseInputItem.functionCall("c", "", "{}"), "got 0");
    Expect.invalid(
        "arguments", () -> ResponseInputItem.functionCall("c", "f", null), "must not be null");
  }

  @Test
  void functionCallOutput() {
    ResponseInputItem o = ResponseInputItem.functionCallOutput("call_1", "{\"t\":20}");
    assertEquals(ResponseInputItem.Type.FUNCTION_CALL_OUTPUT, o.type());
    assertEquals("function_call_output", o.type().wireName());
    assertEquals("call_1", o.callId());
    assertEquals("{\"t\":20}", o.output());
    assertNull(o.name());
    assertEquals("", ResponseInputItem.functionCallOutput("c", "").output());
    Expect.invalid("call_id", () -> ResponseInputItem.functionCallOutput("", "x"), "blank");
    Expect.invalid(
        "output", () -> ResponseInputItem.functionCallOutput("c", null), "must not be null");
  }

  @Test
  void reasoningItem() {
    List<String> summary = new ArrayList<>(List.of("first", "second"));
    ResponseInputItem r = ResponseInputItem.reasoning("rs_1", summary, "enc");
    summary.clear();
    assertEquals(ResponseInputItem.Type.REASONING, r.type());
    assertEquals("reasoning", r.type().wireName());
    assertEquals("rs_1", r.id());
    assertEquals(List.of("first", "second"), r.summary());
    assertEquals("enc", r.encryptedContent());
    assertThrows(UnsupportedOperationException.class, () -> r.summary().clear());
    ResponseInputItem bare = ResponseInputItem.reasoning("rs_2", Collections.emptyList(), null);
    assertEquals(Collections.emptyList(), bare.summary());
    assertNull(bare.encryptedContent());
    Expect.invalid(
        "id", () -> ResponseInputItem.reasoning(" ", List.of(), null), "must not be blank");
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    Expect.invalid(
        "summary[0]", () -> ResponseInputItem.reasoning("rs", withNull, null), "must not be null");
  }

  @Test
  void equalityIsByValue() {
    assertEquals(
        ResponseInputItem.functionCall("c", "f", "{}"),
        ResponseInputItem.functionCall("c", "f", "{}"));
    assertEquals(
        ResponseInputItem.functionCall("c", "f", "{}").hashCode(),
        ResponseInputItem.functionCall("c", "f", "{}").hashCode());
    assertNotEquals(
        ResponseInputItem.functionCall("c", "f", "{}"),
        ResponseInputItem.functionCall("c", "g", "{}"));
    assertNotEquals(ResponseInputItem.user("a"), ResponseInputItem.assistant("a"));
    assertEquals(
        ResponseInputItem.reasoning("r", List.of("s"), "e"),
        ResponseInputItem.reasoning("r", List.of("s"), "e"));
    assertNotEquals(
        ResponseInputItem.reasoning("r", List.of("s"), "e"),
        ResponseInputItem.reasoning("r", List.of("s"), null));
  }

  @Test
  void toStringShowsStructureOnly() {
    List<ResponseInputItem> items =
        List.of(
            ResponseInputItem.user(SECRET),
            ResponseInputItem.user(
                InputContentPart.text(SECRET), InputContentPart.imageUrl("https://x/" + SECRET)),
            ResponseInputItem.functionCall("call_1", "f", SECRET),
            ResponseInputItem.functionCallOutput("call_1", SECRET),
            ResponseInputItem.reasoning("rs_1", List.of(SECRET), SECRET));
    for (ResponseInputItem i : items) {
      assertFalse(i.toString().contains(SECRET), i.toString());
    }
    assertEquals("ResponseInputItem{type=message, role=user, length=13}", items.get(0).toString());
    assertEquals("ResponseInputItem{type=message, role=user, parts=2}", items.get(1).toString());
    assertEquals("ResponseInputItem{type=function_call, name=f}", items.get(2).toString());
    assertEquals("ResponseInputItem{type=function_call_output}", items.get(3).toString());
    assertEquals(
        "ResponseInputItem{type=reasoning, summary=1, encryptedContent=<set>}",
        items.get(4).toString());
  }

  @Test
  void contentParts() {
    InputContentPart t = InputContentPart.text("hi");
    assertEquals(InputContentPart.Type.INPUT_TEXT, t.type());
    assertEquals("input_text", t.type().wireName());
    assertEquals("hi", t.text());
    assertNull(t.imageUrl());
    assertNull(t.fileId());
    assertNull(t.detail());

    InputContentPart u = InputContentPart.imageUrl("data:image/png;base64,AAAA");
    assertEquals(InputContentPart.Type.INPUT_IMAGE, u.type());
    assertEquals("input_image", u.type().wireName());
    assertEquals("data:image/png;base64,AAAA", u.imageUrl());
    assertNull(u.fileId());
    assertNull(u.detail());
    assertEquals(ImageDetail.LOW, InputContentPart.imageUrl("https://x", ImageDetail.LOW).detail());

    InputContentPart f = InputContentPart.imageFile("file_1", ImageDetail.AUTO);
    assertEquals("file_1", f.fileId());
    assertNull(f.imageUrl());
    assertEquals(ImageDetail.AUTO, f.detail());

    Expect.invalid("text", () -> InputContentPart.text(null), "must not be null");
    Expect.invalid("image_url", () -> InputContentPart.imageUrl(" "), "must not be blank");
    Expect.invalid("image_url", () -> InputContentPart.imageUrl(null, null), "must not be null");
    Expect.invalid("file_id", () -> InputContentPart.imageFile("", null), "must not be blank");

    assertEquals(InputContentPart.text("a"), InputContentPart.text("a"));
    assertEquals(InputContentPart.text("a").hashCode(), InputContentPart.text("a").hashCode());
    assertNotEquals(InputContentPart.imageUrl("u"), InputContentPart.imageFile("u", null));
    assertEquals(
        "InputContentPart{type=input_text, length=13}", InputContentPart.text(SECRET).toString());
    String img = InputContentPart.imageUrl("https://x/" + SECRET, ImageDetail.HIGH).toString();
    assertFalse(img.contains(SECRET), img);
    assertEquals("InputContentPart{type=input_image, source=image_url, detail=high}", img);
    assertEquals(
        "InputContentPart{type=input_image, source=file_id}",
        InputContentPart.imageFile("f", null).toString());
  }

  @Test
  void reasoningOptions() {
    Reasoning e = Reasoning.effort("minimal");
    assertEquals("minimal", e.effort());
    assertNull(e.summary());
    Reasoning unknown = Reasoning.of("extreme", "verbose");
    assertEquals("extreme", unknown.effort());
    assertEquals("verbose", unknown.summary());
    Reasoning none = Reasoning.of(null, null);
    assertNull(none.effort());
    assertNull(none.summary());
    assertEquals(Reasoning.of("low", "auto"), Reasoning.of("low", "auto"));
    assertEquals(Reasoning.of("low", "auto").hashCode(), Reasoning.of("low", "auto").hashCode());
    assertNotEquals(Reasoning.of("low", "auto"), Reasoning.of("low", "concise"));
    assertEquals("Reasoning{effort=low, summary=auto}", Reasoning.of("low", "auto").toString());
    Expect.invalid("reasoning.effort", () -> Reasoning.effort(null), "must not be null");
    Expect.invalid("reasoning.effort", () -> Reasoning.effort(" "), "must not be blank");
    Expect.invalid("reasoning.effort", () -> Reasoning.of("", null), "must not be blank");
    Expect.invalid("reasoning.summary", () -> Reasoning.of(null, " "), "must not be blank");
    assertTrue(Reasoning.of("high", null).toString().contains("high"));
  }
}
