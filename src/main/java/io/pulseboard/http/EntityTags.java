package io.pulseboard.http;

import io.pulseboard.db.BoardPrecondition;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ETags of versioned resources (a board's is its version, {@code "3"}) and the conditional
 * headers that carry them (RFC 9110): {@code If-Match} and {@code If-None-Match: *} on writes,
 * {@code If-None-Match} on reads. A bare {@code 3} is taken for {@code "3"}, as hand-written
 * clients send it; anything else that is not an entity tag is 400.
 */
final class EntityTags {
  private static final Pattern TAG = Pattern.compile("(W/)?\"([0-9]{1,18})\"|([0-9]{1,18})");
  private static final int MAX_TAGS = 32;

  private EntityTags() {}

  /** The ETag of this version. */
  static String of(long version) {
    return "\"" + version + "\"";
  }

  /** What a write requires, from its {@code If-Match} and {@code If-None-Match} headers. */
  static BoardPrecondition precondition(String ifMatch, String ifNoneMatch) {
    boolean absent = false;
    if (ifNoneMatch != null) {
      if (!ifNoneMatch.trim().equals("*")) {
        throw Problem.malformed("on a write, If-None-Match takes only * (create, never replace)");
      }
      absent = true;
    }
    if (ifMatch == null) {
      return new BoardPrecondition(false, false, Set.of(), absent);
    }
    if (ifMatch.trim().equals("*")) {
      return new BoardPrecondition(true, true, Set.of(), absent);
    }
    // If-Match compares strongly: a weak tag never matches.
    return new BoardPrecondition(true, false, versions(ifMatch, "If-Match", false), absent);
  }

  /** Whether a read's {@code If-None-Match} names this version (weakly), so 304 answers it. */
  static boolean notModified(String ifNoneMatch, long version) {
    if (ifNoneMatch == null) {
      return false;
    }
    return ifNoneMatch.trim().equals("*") || versions(ifNoneMatch, "If-None-Match", true).contains(version);
  }

  private static Set<Long> versions(String header, String name, boolean weakToo) {
    Set<Long> versions = new HashSet<>();
    String[] tags = header.split(",", MAX_TAGS + 1);
    if (tags.length > MAX_TAGS) {
      throw Problem.malformed(name + " lists at most " + MAX_TAGS + " entity tags");
    }
    for (String tag : tags) {
      Matcher m = TAG.matcher(tag.trim());
      if (!m.matches()) {
        throw Problem.malformed(name + " takes entity tags as ETag gives them, e.g. \"3\"");
      }
      if (m.group(1) == null || weakToo) {
        versions.add(Long.parseLong(m.group(2) != null ? m.group(2) : m.group(3)));
      }
    }
    return versions;
  }
}
