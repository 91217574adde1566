package io.pulseboard.db;

import java.util.Set;

/**
 * What a write of a board requires of the stored board, from the request's {@code If-Match} and
 * {@code If-None-Match} (RFC 9110): one of these versions, any stored board ({@code *}), or none.
 * Checked in the transaction that writes, under the boards' lock, so two editors of one version
 * never both succeed.
 *
 * @param ifMatch whether the request had {@code If-Match} (then a stored board must match it,
 *     even when it named no version that can match, e.g. only weak tags)
 * @param anyVersion {@code If-Match: *}
 * @param absent {@code If-None-Match: *}: no board may be stored
 */
public record BoardPrecondition(boolean ifMatch, boolean anyVersion, Set<Long> versions, boolean absent) {
  /** No condition: the write overwrites whatever is stored. */
  public static final BoardPrecondition NONE = new BoardPrecondition(false, false, Set.of(), false);
  /** Only when no board is stored: create, never replace. */
  public static final BoardPrecondition ABSENT = new BoardPrecondition(false, false, Set.of(), true);

  public BoardPrecondition {
    versions = Set.copyOf(versions);
  }

  /** Whether the write may go ahead when the stored board has this version ({@code null}: none stored). */
  public boolean holds(Long current) {
    if (absent && current != null) {
      return false;
    }
    return !ifMatch || (current != null && (anyVersion || versions.contains(current)));
  }
}
