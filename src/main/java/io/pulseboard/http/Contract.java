package io.pulseboard.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI contract: served as written, and given to the validating router without the
 * request and response media types the router cannot handle (CSV, YAML), without the item schemas that
 * handlers check themselves, without {@code servers}, and without {@code security}: each route
 * checks its own access ({@code AccessHandler}), and the router would otherwise put its own
 * authentication handler first on every route whose operation lists several ways in. Responses are not validated, so
 * dropping their types changes no check; it only lets the published contract say the whole
 * truth. The published server URL is relative ({@code /}, the server that serves the document),
 * which the validating library cannot parse; the router needs none, as every path starts at the
 * root.
 */
public record Contract(Buffer text, OpenAPIContract validating) {
  /** The contract, on the class path and served at {@code /api/v1/openapi.yaml}. */
  public static final String RESOURCE = "openapi.yaml";
  private static final String CHECKED_IN_CODE = "x-items-checked-in-code";
  private static final String READ_BY_HANDLER = "x-read-by-handler";
  private static final String PARAMETER_REFS = "#/components/parameters/";

  /** Reads and parses the contract; the future holds both forms. */
  public static Future<Contract> load(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE).compose(text -> {
      JsonObject model = new JsonObject(parse(text.toString()));
      model.remove("servers");
      model.remove("security");
      forEachOperation(model, operation -> operation.remove("security"));
      stripUnsupportedTypes(model);
      leaveItemsToCode(model);
      leaveHeadersToHandlers(model);
      return OpenAPIContract.from(vertx, model).map(contract -> new Contract(text, contract));
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String yaml) {
    return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  /**
   * Arrays marked {@code x-items-checked-in-code} keep their own checks (type, size) in the
   * validating contract, while their items are checked by the handler (see {@code PointItem}).
   */
  private static void leaveItemsToCode(Object node) {
    if (node instanceof JsonObject json) {
      if (Boolean.TRUE.equals(json.getValue(CHECKED_IN_CODE))) {
        json.remove("items");
      }
      json.forEach(e -> leaveItemsToCode(e.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(Contract::leaveItemsToCode);
    }
  }

  /**
   * Parameters marked {@code x-read-by-handler} (the conditional headers {@code If-Match} and
   * {@code If-None-Match}) are left out of the validating contract: the validator reads a header
   * as JSON first and refuses an entity tag such as {@code W/"2"}, which the handler reads as
   * RFC 9110 has it.
   */
  private static void leaveHeadersToHandlers(JsonObject model) {
    JsonObject shared = model.getJsonObject("components", new JsonObject()).getJsonObject("parameters", new JsonObject());
    forEachOperation(model, operation -> {
      JsonArray parameters = operation.getJsonArray("parameters");
      if (parameters == null) {
        return;
      }
      JsonArray kept = new JsonArray();
      parameters.forEach(p -> {
        JsonObject parameter = (JsonObject) p;
        String ref = parameter.getString("$ref", "");
        JsonObject target = ref.startsWith(PARAMETER_REFS)
            ? shared.getJsonObject(ref.substring(PARAMETER_REFS.length()), parameter) : parameter;
        if (!Boolean.TRUE.equals(target.getValue(READ_BY_HANDLER))) {
          kept.add(parameter);
        }
      });
      operation.put("parameters", kept);
    });
  }

  private static void stripUnsupportedTypes(JsonObject model) {
    forEachOperation(model, operation -> {
      JsonObject requestBody = operation.getJsonObject("requestBody");
      if (requestBody != null && requestBody.getJsonObject("content") != null) {
        // A CSV body is streamed by its own handler and never reaches the validator.
        requestBody.getJsonObject("content").fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
      }
      if (!operation.containsKey("responses")) {
        return;
      }
      operation.getJsonObject("responses").forEach(response -> {
        JsonObject content = ((JsonObject) response.getValue()).getJsonObject("content");
        if (content != null) {
          content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
        }
      });
    });
    JsonObject shared = model.getJsonObject("components", new JsonObject()).getJsonObject("responses");
    if (shared != null) {
      shared.forEach(r -> {
        JsonObject content = ((JsonObject) r.getValue()).getJsonObject("content");
        if (content != null) {
          content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
        }
      });
    }
  }

  /** Runs for each operation object of the model (the methods under each path). */
  private static void forEachOperation(JsonObject model, Consumer<JsonObject> action) {
    model.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject operation) {
        action.accept(operation);
      }
    }));
  }
}
