package io.pulseboard.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a request apart for validation as {@link RequestExtractor#withBodyHandler()} does, but with
 * query values percent-decoded once. Vert.x OpenAPI 5.0.7 decodes the values of
 * {@code HttpServerRequest.params()}, which are decoded already: a correctly encoded
 * {@code from=2025-09-09T09:00:00%2B09:00} reached the validator with a space for its plus sign and
 * was refused. The contract has no array or object query parameters, so each value is the first
 * one given ({@code QueryNumbers} refuses repeated numbers).
 */
final class DecodeOnceExtractor implements RequestExtractor {
  private static final RequestExtractor LIBRARY = RequestExtractor.withBodyHandler();

  /** The request's parts; the future holds them with the query values as sent. */
  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    return LIBRARY.extractValidatableRequest(ctx, operation).map(extracted -> {
      Map<String, RequestParameter> query = new HashMap<>(extracted.getQuery());
      for (Parameter parameter : operation.getParameters()) {
        List<String> values = ctx.request().params().getAll(parameter.getName());
        if (parameter.getIn() == Location.QUERY && !values.isEmpty()) {
          query.put(parameter.getName(), new RequestParameterImpl(values.get(0)));
        }
      }
      return new ValidatableRequestImpl(extracted.getCookies(), extracted.getHeaders(),
          extracted.getPathParameters(), query, extracted.getBody(), extracted.getContentType());
    });
  }
}
