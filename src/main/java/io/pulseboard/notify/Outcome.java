package io.pulseboard.notify;

/**
 * How one webhook call ended, before the retry schedule decides what follows.
 *
 * @param delivered the receiver answered 2xx
 * @param refused nothing was sent: the target resolved to an address the policy forbids
 * @param status the receiver's HTTP status, {@code null} when none came
 * @param error what went wrong, {@code null} when delivered; never the URL (a Slack webhook's URL is its secret)
 */
record Outcome(boolean delivered, boolean refused, Integer status, String error) {
  private static final int MAX_ERROR = 500;

  static Outcome delivered(int status) {
    return new Outcome(true, false, status, null);
  }

  static Outcome refused(String why) {
    return new Outcome(false, true, null, cut("refused: " + why));
  }

  static Outcome failed(Integer status, String error) {
    return new Outcome(false, false, status, cut(error));
  }

  private static String cut(String text) {
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
  }
}
