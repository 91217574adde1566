package io.pulseboard.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A board: a titled, ordered list of sections of tiles that people compose, share and put on a
 * TV (docs/boards.md). {@code version} grows by one on every save and is the board's ETag.
 *
 * @param updatedAt when it was last saved; null for the generated board
 */
public record Board(String id, LocalizedText title, List<Section> sections, long version, Instant updatedAt) {
  /** What a board id looks like; the {@code board:<id>} scope and the contract use the same. */
  public static final String ID_SYNTAX = "[a-z0-9][a-z0-9-]{0,62}";
  public static final Pattern ID = Pattern.compile("^" + ID_SYNTAX + "$");
  /** The id of the board generated from every metric, which is never stored. */
  public static final String GENERATED_ID = "all";
  /** Most sections of a board. */
  public static final int MAX_SECTIONS = 20;
  /** Most tiles of a board, over all its sections. */
  public static final int MAX_TILES = 200;
  /** Most characters of a title or a section's title, per language. */
  public static final int MAX_TITLE = 200;
  /** Most characters of a text tile, per language. */
  public static final int MAX_TEXT = 1000;
  /** Most boards a server keeps. */
  public static final int MAX_BOARDS = 1000;

  public Board {
    sections = List.copyOf(sections);
  }

  /** A section: an optional title (null for none) and its tiles, in order. */
  public record Section(LocalizedText title, List<BoardTile> tiles) {
    public Section {
      tiles = List.copyOf(tiles);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject();
      if (title != null) {
        json.put("title", title.toJson());
      }
      return json.put("tiles", new JsonArray(tiles.stream().map(BoardTile::toJson).toList()));
    }

    static Section fromJson(JsonObject json) {
      JsonObject title = json.getJsonObject("title");
      List<BoardTile> tiles = new ArrayList<>();
      json.getJsonArray("tiles").forEach(t -> tiles.add(BoardTile.fromJson((JsonObject) t)));
      return new Section(title == null ? null : LocalizedText.fromJson(title), tiles);
    }
  }

  /** Whether this is the board generated from every metric. */
  public boolean generated() {
    return GENERATED_ID.equals(id);
  }

  /** The metrics its tiles show, in the order they first appear. */
  public Set<String> metricIds() {
    Set<String> ids = new LinkedHashSet<>();
    sections.forEach(s -> s.tiles().forEach(t -> {
      if (t.metric() != null) {
        ids.add(t.metric());
      }
    }));
    return ids;
  }

  /** How many tiles it has over all sections. */
  public int tileCount() {
    return sections.stream().mapToInt(s -> s.tiles().size()).sum();
  }

  /** The sections as stored and served. */
  public JsonArray sectionsJson() {
    return new JsonArray(sections.stream().map(Section::toJson).toList());
  }

  /**
   * The board as {@code GET /api/v1/boards/{id}} gives it, which {@code PUT} takes back as it is
   * (it ignores {@code version}, {@code updated_at} and {@code generated}).
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("title", title.toJson()).put("version", version)
        .put("updated_at", updatedAt == null ? null : updatedAt.toString());
    if (generated()) {
      json.put("generated", true);
    }
    return json.put("sections", sectionsJson());
  }

  /** The board as an item of {@code GET /api/v1/boards}: no sections, the number of tiles. */
  public JsonObject summaryJson() {
    JsonObject json = new JsonObject().put("id", id).put("title", title.toJson()).put("version", version)
        .put("updated_at", updatedAt == null ? null : updatedAt.toString()).put("tiles", tileCount());
    return generated() ? json.put("generated", true) : json;
  }

  /** Sections read back from storage, where they were written by {@link #sectionsJson()}. */
  public static List<Section> sectionsFromJson(JsonArray json) {
    List<Section> sections = new ArrayList<>();
    json.forEach(s -> sections.add(Section.fromJson((JsonObject) s)));
    return sections;
  }

  /**
   * The board of today's wall, generated from every metric: one section of one kpi tile per
   * metric, which shows each of its series, each one column wide ({@code s}) as the wall's tiles
   * were. Version 0: it is never saved.
   */
  public static Board generated(List<Metric> metrics) {
    List<BoardTile> tiles = metrics.stream()
        .<BoardTile>map(m -> new BoardTile.Kpi(m.id(), java.util.Map.of(), BoardTile.Size.S)).toList();
    LocalizedText title = new LocalizedText(java.util.Map.of("en", "All metrics", "ko", "모든 지표"));
    return new Board(GENERATED_ID, title, tiles.isEmpty() ? List.of() : List.of(new Section(null, tiles)), 0, null);
  }
}
