package io.pulseboard.http;

import io.pulseboard.db.Channel;
import io.pulseboard.db.ChannelRepository;
import io.pulseboard.notify.WebhookTargets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;

/**
 * {@code /api/v1/channels} (admin only): where alert notifications go. A channel's secret (the
 * key of its signatures) is generated when none is given and answered once, on creation; after
 * that only {@code "secret_set": true} shows it exists. Neither the secret nor the URL is logged.
 */
final class ChannelsRoutes {
  private final ChannelRepository repo;
  private final WebhookTargets targets;

  ChannelsRoutes(Pool pool, WebhookTargets targets) {
    this.repo = new ChannelRepository(pool);
    this.targets = targets;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("listChannels").addHandler(this::list);
    builder.getRoute("createChannel").addHandler(this::create);
    builder.getRoute("getChannel").addHandler(this::get);
    builder.getRoute("replaceChannel").addHandler(this::replace);
    builder.getRoute("deleteChannel").addHandler(this::delete);
  }

  private void list(RoutingContext ctx) {
    repo.list()
        .map(channels -> new JsonObject().put("channels", new JsonArray(channels.stream().map(Channel::toJson).toList())))
        .onSuccess(body -> Requests.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    ChannelRepository.Input in = ChannelRequest.of(Requests.body(ctx), targets, true);
    repo.create(in)
        .onSuccess(channel -> Requests.json(ctx, 201, channel.toJson().put("secret", in.secret())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = id(ctx);
    repo.get(id)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no channel " + id)))
        .onSuccess(channel -> Requests.json(ctx, 200, channel.toJson()))
        .onFailure(ctx::fail);
  }

  private void replace(RoutingContext ctx) {
    long id = id(ctx);
    ChannelRepository.Input in = ChannelRequest.of(Requests.body(ctx), targets, false);
    repo.update(id, in)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no channel " + id)))
        .onSuccess(channel -> Requests.json(ctx, 200, channel.toJson()))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id = id(ctx);
    repo.delete(id)
        .map(found -> found.orElseThrow(() -> Problem.notFound("no channel " + id)))
        .onSuccess(channel -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static long id(RoutingContext ctx) {
    return Requests.validated(ctx).getPathParameters().get("id").getLong();
  }
}
