package io.pulseboard.http;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV body (RFC 4180, read by Jackson's CSV module), one at a time: strict UTF-8
 * with or without a byte order mark, blank lines skipped. Memory stays bounded whatever is sent:
 * a record may be at most {@link #MAX_RECORD_CHARS} characters (an unclosed quote would otherwise
 * read the whole body into one cell) and only the first {@code maxCells} cells of a record are
 * kept (the rest are only counted).
 */
final class CsvRecords implements AutoCloseable {
  /** The longest record: far above the longest valid row (sixteen labels of 200 and a source of 500). */
  static final int MAX_RECORD_CHARS = 64 * 1024;
  private static final CsvMapper MAPPER = new CsvMapper();
  private static final CsvSchema RFC_4180 = CsvSchema.emptySchema();

  /** One record: its cells (at most the first {@code maxCells}) and how many it had. */
  record Record(List<String> cells, int cellCount, long line) {}

  private final Guard guard;
  private final CsvParser parser;

  private CsvRecords(Guard guard) throws IOException {
    this.guard = guard;
    this.parser = MAPPER.getFactory().createParser(guard);
    parser.setSchema(RFC_4180);
    parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
  }

  /**
   * Reads the body as UTF-8, dropping a byte order mark. A body that is empty (or only a byte
   * order mark) is 400; one that starts with a UTF-16 byte order mark is 415.
   */
  static CsvRecords of(InputStream body) throws IOException {
    PushbackInputStream in = new PushbackInputStream(body, 3);
    byte[] start = in.readNBytes(3);
    int skip = 0;
    if (start.length == 3 && (start[0] & 0xff) == 0xEF && (start[1] & 0xff) == 0xBB && (start[2] & 0xff) == 0xBF) {
      skip = 3;
    } else if (start.length >= 2 && ((start[0] & 0xff) == 0xFE && (start[1] & 0xff) == 0xFF
        || (start[0] & 0xff) == 0xFF && (start[1] & 0xff) == 0xFE)) {
      throw Problem.unsupportedMediaType("the CSV is UTF-16 (it starts with a UTF-16 byte order mark); send it as UTF-8");
    }
    in.unread(start, skip, start.length - skip);
    int first = in.read();
    if (first >= 0) {
      in.unread(first);
    } else {
      throw Problem.malformed("the CSV is empty: send a header row (metric,ts,value,...) and at least one row");
    }
    Reader text = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    return new CsvRecords(new Guard(text));
  }

  /**
   * The next record, or {@code null} at the end. A body that is not UTF-8, or not CSV, is a 400
   * naming the row (the header is row 0) and the line.
   */
  Record next(int maxCells, long row) throws IOException {
    try {
      guard.newRecord();
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      long line = parser.currentLocation().getLineNr();
      List<String> cells = new ArrayList<>(Math.min(maxCells, 32));
      int count = 0;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        if (count++ < maxCells) {
          cells.add(parser.getText());
        }
      }
      return new Record(cells, count, line);
    } catch (MalformedInputException e) {
      // The decoder reads ahead of the parser, so the bad bytes are in this row or a later one.
      throw Problem.malformed("the CSV is not UTF-8: an invalid byte sequence in row " + row
          + " or after it; save the file as UTF-8; nothing was written");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw Problem.malformed("row " + row + " (line " + parser.currentLocation().getLineNr()
          + ") is not valid CSV: " + e.getOriginalMessage()).error("/rows/" + row, "not valid CSV");
    } catch (RecordTooLong e) {
      throw Problem.malformed("row " + row + " is longer than " + MAX_RECORD_CHARS
          + " characters (an unclosed quote?); nothing was written").error("/rows/" + row, "too long");
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private static final class RecordTooLong extends IOException {
    RecordTooLong() {
      super("record too long", null);
    }
  }

  /** Counts the characters read since the current record began. */
  private static final class Guard extends FilterReader {
    private long sinceRecord;

    Guard(Reader in) {
      super(in);
    }

    void newRecord() {
      sinceRecord = 0;
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
      int n = super.read(into, offset, length);
      if (n > 0 && (sinceRecord += n) > MAX_RECORD_CHARS + 2L * 8192) {
        throw new RecordTooLong();
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0 && ++sinceRecord > MAX_RECORD_CHARS + 2L * 8192) {
        throw new RecordTooLong();
      }
      return c;
    }
  }
}
