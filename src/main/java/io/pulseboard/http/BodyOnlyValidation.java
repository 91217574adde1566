package io.pulseboard.http;

import io.vertx.core.Handler;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.Map;

/**
 * The contract's check of an operation whose only input is a JSON body, with the body's schema
 * validator made once. Vert.x OpenAPI 5.0.7 makes a validator for every request, copying every
 * schema of the contract into it, and does it on a worker thread in order per event loop: in
 * {@code IngestBench} that was most of the server's own CPU time and the queue one-point writes
 * waited in. A body this validator accepts is handed on as the library would hand it; anything
 * else (not JSON, not valid) goes to the library's check, which answers exactly as before.
 * Made per router, so per event loop: the validator is never shared between threads.
 */
final class BodyOnlyValidation implements Handler<RoutingContext> {
  private static final String JSON = "application/json";

  private final Validator body;
  private final Handler<RoutingContext> library;

  private BodyOnlyValidation(Validator body, Handler<RoutingContext> library) {
    this.body = body;
    this.library = library;
  }

  /** This check for the operation when its only input is a JSON body, else {@code library}. */
  static Handler<RoutingContext> of(OpenAPIContract contract, Operation operation, Handler<RoutingContext> library) {
    if (operation.getRequestBody() == null || !operation.getParameters().isEmpty()) {
      return library;
    }
    MediaType json = operation.getRequestBody().getContent().get(JSON);
    if (json == null || json.getSchema() == null) {
      return library;
    }
    return new BodyOnlyValidation(contract.getSchemaRepository().validator(json.getSchema()), library);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Object value;
    try {
      value = Json.decodeValue(ctx.body().buffer());
    } catch (RuntimeException e) {
      library.handle(ctx);
      return;
    }
    OutputUnit result = body.validate(value);
    if (!(value instanceof JsonObject) || !Boolean.TRUE.equals(result.getValid())) {
      library.handle(ctx);
      return;
    }
    ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST,
        new ValidatedRequestImpl(Map.of(), Map.of(), Map.of(), Map.of(), new RequestParameterImpl(value)));
    ctx.next();
  }
}
