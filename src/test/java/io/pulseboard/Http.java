package io.pulseboard;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A small HTTP client for tests against one running instance; calls block until the response. */
public final class Http implements AutoCloseable {
  private final WebClient client;
  private final int port;

  public Http(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.port = port;
  }

  public int port() {
    return port;
  }

  public HttpResponse<Buffer> get(String path) {
    return client.request(HttpMethod.GET, path).send().await();
  }

  public HttpResponse<Buffer> get(String path, String header, String value) {
    return client.request(HttpMethod.GET, path).putHeader(header, value).send().await();
  }

  /** Sends a body with the admin token and {@code Content-Type: application/json}. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String body) {
    return send(method, path, body, TestApp.ADMIN_TOKEN, "application/json");
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String body, String token, String contentType) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await();
  }

  public HttpResponse<Buffer> postPoints(JsonObject body) {
    return send(HttpMethod.POST, "/api/v1/points", body.encode());
  }

  @Override
  public void close() {
    client.close();
  }

  /** A batch of one point of a series labelled by region. */
  public static JsonObject regionPoint(String metric, String region, String ts, double value) {
    return new JsonObject().put("points", new JsonArray().add(new JsonObject().put("metric", metric)
        .put("labels", new JsonObject().put("region", region)).put("ts", ts).put("value", value)));
  }
}
