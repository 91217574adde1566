package io.pulseboard.http;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the OpenAPI validator reports into a problem with one error per real fault: the
 * validator also reports every enclosing schema that failed because of it, which tells a
 * client nothing.
 */
final class ValidationProblems {
  private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter (\\S+)");
  private static final Pattern ENCLOSING = Pattern.compile(
      "A subschema had errors|Items did not match schema|Property \".*\" does not match schema");
  private static final Pattern EXTRA = Pattern.compile("Property \"(.*)\" does not match additional properties schema");
  private static final Pattern UNDECODABLE = Pattern.compile(
      "The value of (?:query|path|header|cookie) parameter (\\S+) can't be decoded\\.?");
  private static final int MAX_ERRORS = 100;

  private ValidationProblems() {}

  static Problem of(ValidatorException v) {
    Matcher undecodable = UNDECODABLE.matcher(String.valueOf(v.getMessage()));
    if (undecodable.matches()) {
      // The validator reads a parameter's value as JSON first; NUL (%00) is the usual cause.
      return Problem.invalid("the parameter " + undecodable.group(1) + " is invalid").error(undecodable.group(1),
          "the value cannot be read as text: it holds a control character such as NUL (%00)");
    }
    return switch (v.type()) {
      case UNSUPPORTED_VALUE_FORMAT -> Problem.unsupportedMediaType("send the body as application/json");
      case INVALID_VALUE_FORMAT -> Problem.malformed(v.getMessage());
      // Not a schema failure: the body (or a parameter) did not even parse.
      case ILLEGAL_VALUE -> v instanceof SchemaValidationException ? fields(v) : Problem.malformed(
          v.getMessage().contains("body") ? "the body is not valid JSON" : v.getMessage());
      default -> fields(v);
    };
  }

  private static Problem fields(ValidatorException v) {
    Matcher parameter = PARAMETER.matcher(v.getMessage());
    if (parameter.find()) {
      Problem p = Problem.invalid("the parameter " + parameter.group(1) + " is invalid");
      reasons(v).forEach(r -> p.error(parameter.group(1), r.detail()));
      return p.hasErrors() ? p : p.error(parameter.group(1), v.getMessage());
    }
    Problem p = Problem.invalid("the body does not match the API contract; nothing was written");
    reasons(v).forEach(r -> p.error(r.pointer(), r.detail()));
    return p.hasErrors() ? p : p.error("", v.getMessage());
  }

  private record Reason(String pointer, String detail) {}

  private static List<Reason> reasons(ValidatorException v) {
    if (!(v instanceof SchemaValidationException s) || s.getOutputUnit() == null) {
      return List.of();
    }
    List<Reason> all = new ArrayList<>();
    collect(s.getOutputUnit(), all);
    Set<Reason> kept = new LinkedHashSet<>();
    for (Reason r : all) {
      Matcher extra = EXTRA.matcher(r.detail());
      if (ENCLOSING.matcher(r.detail()).matches()) {
        continue;
      }
      if (extra.matches()) {
        if (hasOtherAtOrBelow(all, r)) {
          continue;
        }
        r = new Reason(r.pointer(), "unknown property \"" + extra.group(1) + "\"");
      }
      kept.add(r);
    }
    return kept.stream().limit(MAX_ERRORS).toList();
  }

  private static boolean hasOtherAtOrBelow(List<Reason> all, Reason r) {
    return all.stream().anyMatch(o -> o != r && !ENCLOSING.matcher(o.detail()).matches()
        && !EXTRA.matcher(o.detail()).matches()
        && (o.pointer().equals(r.pointer()) || o.pointer().startsWith(r.pointer() + "/")));
  }

  private static void collect(OutputUnit unit, List<Reason> into) {
    if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit.getErrors().forEach(e -> collect(e, into));
    } else if (unit.getError() != null) {
      String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
      into.add(new Reason(location.startsWith("#") ? location.substring(1) : location, unit.getError()));
    }
  }
}
