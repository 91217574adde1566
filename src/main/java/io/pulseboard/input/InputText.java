package io.pulseboard.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text a user sends that Pulseboard stores or matches against stored text. PostgreSQL text
 * holds neither NUL nor half of a UTF-16 surrogate pair: NUL fails the statement (a 500 before
 * this check existed), and a lone surrogate was stored as {@code ?}, so distinct inputs landed
 * in one series. Both are refused before any query runs.
 */
public final class InputText {
  private static final int ECHO_LIMIT = 60;

  private InputText() {}

  /** Why the text cannot be stored exactly as sent, or {@code null} when it can. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "must not contain NUL (\\u0000, at character " + i + "): stored text cannot hold it";
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return "is not valid Unicode: a lone UTF-16 surrogate " + escape(c) + " at character " + i;
        }
      }
    }
    return null;
  }

  /**
   * The text these bytes encode, or {@code null} when they are not well-formed UTF-8 (a lenient
   * decoder would turn each bad sequence into U+FFFD, so distinct inputs would read alike).
   */
  public static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Whether the text can be stored exactly as sent. */
  public static boolean isValid(String text) {
    return problem(text) == null;
  }

  /**
   * The text quoted for an error message: at most about 60 characters, with control characters
   * and lone surrogates escaped, so an error never echoes what it refuses or floods a response.
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int i = 0;
    // Bounded by what is written, not what is read: an escape is six characters for one.
    for (; i < text.length() && out.length() <= ECHO_LIMIT; i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
        out.append(escape(c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    return i < text.length() ? out + "... (" + text.length() + " characters)" : out.toString();
  }

  private static String escape(char c) {
    return String.format("\\u%04X", (int) c);
  }
}
