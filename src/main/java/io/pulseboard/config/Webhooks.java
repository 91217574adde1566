package io.pulseboard.config;

import java.time.Duration;

/**
 * How alert webhooks are delivered, one setting each (see {@link Settings}).
 *
 * @param allowPrivate whether targets may resolve to loopback, private, link-local, unspecified or
 *     multicast addresses; refused by default, so a channel cannot make the server reach inside
 *     its own network
 * @param timeout longest one attempt may take, from resolving the host to the response's status
 * @param backoffMax longest wait between two attempts of one notification
 * @param retryFor how long after its creation a notification is retried before it is given up
 */
public record Webhooks(boolean allowPrivate, Duration timeout, Duration backoffMax, Duration retryFor) {}
