package io.pulseboard.http;

import io.pulseboard.Http;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * The routes a running server serves, read from the contract it publishes, so that tests walk
 * every route there is rather than a list that can drift.
 */
record ContractOperations(Map<String, Map<HttpMethod, Map<String, Object>>> byPath, Object globalSecurity) {
  /** The methods HTTP clients send; those a path lacks must be refused with 405. */
  static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
      HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS);

  /** Reads the contract at {@code /api/v1/openapi.yaml}, which every caller may read. */
  @SuppressWarnings("unchecked")
  static ContractOperations served(Http http) {
    Map<String, Object> contract = new Yaml().load(http.get("/api/v1/openapi.yaml").bodyAsString());
    Map<String, Map<HttpMethod, Map<String, Object>>> byPath = new LinkedHashMap<>();
    ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, item) -> {
      Map<HttpMethod, Map<String, Object>> operations = new LinkedHashMap<>();
      item.forEach((key, value) -> {
        HttpMethod method = HttpMethod.valueOf(key.toUpperCase());
        if (METHODS.contains(method)) {
          operations.put(method, (Map<String, Object>) value);
        }
      });
      byPath.put(path, operations);
    });
    return new ContractOperations(byPath, contract.get("security"));
  }

  List<String> paths() {
    return new ArrayList<>(byPath.keySet());
  }

  /** The methods the contract gives this path, by name, sorted. */
  Set<String> methods(String path) {
    Set<String> names = new TreeSet<>();
    byPath.get(path).keySet().forEach(m -> names.add(m.name()));
    return names;
  }

  boolean has(String path, HttpMethod method) {
    return byPath.get(path).containsKey(method);
  }

  /** The security requirements in force for an operation: its own, or else the contract's. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> security(String path, HttpMethod method) {
    Object own = byPath.get(path).get(method).get("security");
    Object effective = own != null ? own : globalSecurity;
    return effective == null ? List.of() : (List<Map<String, Object>>) effective;
  }
}
